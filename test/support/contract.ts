import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

type Json = Record<string, any>;

export interface ContractCheck {
  operation: string;
  status: number;
  errors: string[];
}

/**
 * Checks real answers against the OpenAPI document the service serves: the operation that matches
 * the method and path must list the status, and the body must validate against the schema of its
 * media type (JSON Schema 2020-12, components resolved in the document itself).
 */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly seen = new Map<string, Set<number>>();

  constructor(readonly document: Json) {
    this.ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');
  }

  /** The operation of `method` on a concrete path (`/api/instances/<uuid>/events`), with its template. */
  operationOf(method: string, url: string): { template: string; operation: Json } | undefined {
    const path = url.split('?')[0];
    for (const [template, item] of Object.entries<Json>(this.document.paths)) {
      const pattern = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
      if (pattern.test(path) && item[method.toLowerCase()]) return { template, operation: item[method.toLowerCase()] };
    }
    return undefined;
  }

  check(method: string, url: string, status: number, contentType: string | undefined, body: unknown): ContractCheck {
    const found = this.operationOf(method, url);
    const operation = `${method.toUpperCase()} ${found?.template ?? url}`;
    if (!found) return { operation, status, errors: ['no such operation in the document'] };
    const key = `${method.toUpperCase()} ${found.template}`;
    if (!this.seen.has(key)) this.seen.set(key, new Set());
    this.seen.get(key)!.add(status);
    const response = found.operation.responses?.[String(status)];
    if (!response) return { operation, status, errors: [`status ${status} is not documented`] };
    if (!response.content)
      return { operation, status, errors: body === undefined || body === '' ? [] : ['a body where none is documented'] };
    const media = (contentType ?? '').split(';')[0].trim();
    const entry = response.content[media];
    if (!entry)
      return { operation, status, errors: [`media type ${media} is not documented (${Object.keys(response.content).join(', ')})`] };
    const validate = this.validatorOf(`${key} ${status} ${media}`, entry.schema);
    return {
      operation,
      status,
      errors: validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message}`),
    };
  }

  private validatorOf(key: string, schema: Json): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      // The document's $refs point into its own components: resolve them against the added document.
      const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/')) as Json;
      this.compiled.set(key, (validate = this.ajv.compile(rebased)));
    }
    return validate;
  }
}
