import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';

/*
 * The regulatory schemas, copied unchanged into test/support/official-schemas/ (sources, licences and
 * checksums in its README): OCDS 1.1.5 (release and release package, JSON Schema draft-04 with `id`)
 * and DECP 2.0.3 (draft-07). Every `$ref` resolves to one of these files: nothing goes to the network.
 * If the folder were missing the tests that need them would skip, with a notice.
 */

export const SCHEMAS_DIR = join(__dirname, 'official-schemas');

const RELEASE_SCHEMA = join(SCHEMAS_DIR, 'ocds-1.1.5', 'release-schema.json');
const PACKAGE_SCHEMA = join(SCHEMAS_DIR, 'ocds-1.1.5', 'release-package-schema.json');
const DECP_SCHEMA = join(SCHEMAS_DIR, 'decp-2.0.3', 'schema_decp_v2.0.3.json');

let warned = false;

/** Whether the schemas are there; when not, says once that the validations are skipped. */
export function openDataSchemasAvailable(): boolean {
  const available = [RELEASE_SCHEMA, PACKAGE_SCHEMA, DECP_SCHEMA].every((file) => existsSync(file));
  if (!available && !warned) {
    warned = true;
    console.warn(`Open-data schema validations SKIPPED: the OCDS and DECP schemas are not in ${SCHEMAS_DIR}.`);
  }
  return available;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/*
 * The formats the schemas use, each checked for real (an unknown format makes the compilation fail:
 * strict mode). `date-time` is RFC 3339 (a real date, an offset or Z); `uri` an absolute URI with a
 * scheme, as RFC 3986 has it.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 60;
}

export function isUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Keywords of the OCDS schema that annotate (merging rules, codelists): known, validate nothing. */
const OCDS_ANNOTATIONS = ['codelist', 'openCodelist', 'deprecated', 'mergeStrategy', 'wholeListMerge', 'omitWhenMerged', 'versionId'];

function withFormats<T extends Ajv | AjvDraft04>(ajv: T): T {
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('uri', { type: 'string', validate: isUri });
  return ajv;
}

let ocds: ValidateFunction | undefined;
let decp: ValidateFunction | undefined;

/** The release package schema, compiled with the release schema registered under its `id`. */
export function ocdsPackageValidator(): ValidateFunction {
  if (!ocds) {
    const ajv = withFormats(new AjvDraft04({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }));
    for (const keyword of OCDS_ANNOTATIONS) ajv.addKeyword({ keyword });
    ajv.addSchema(readJson(RELEASE_SCHEMA));
    ocds = ajv.compile(readJson(PACKAGE_SCHEMA));
  }
  return ocds;
}

/** The DECP 2.0.3 schema (draft-07), compiled by Ajv 8's default class. */
export function decpValidator(): ValidateFunction {
  if (!decp) {
    const ajv = withFormats(new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }));
    decp = ajv.compile(readJson(DECP_SCHEMA));
  }
  return decp;
}

function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (error) => `${error.instancePath || '(document)'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  );
}

/** What makes `document` invalid against OCDS 1.1.5's release package schema (nothing: valid). */
export function ocdsPackageErrors(document: unknown): string[] {
  const validate = ocdsPackageValidator();
  return validate(document) ? [] : explain(validate.errors);
}

/** What makes `document` invalid against DECP 2.0.3 (nothing: valid). */
export function decpErrors(document: unknown): string[] {
  const validate = decpValidator();
  return validate(document) ? [] : explain(validate.errors);
}
