import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { CurrentPrincipal } from '../common/actor.decorator';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { Role, Roles } from '../auth/roles.decorator';
import { Clock } from '../clock/clock';
import { ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { Uuid } from '../contract/schema';
import { DecpDocumentSchema, OcdsReleasePackageSchema, OpenDataPeriodQuery } from './open-data.schemas';
import { OpenDataService } from './open-data.service';
import type { DecpDocument, OcdsReleasePackage } from './open-data.schemas';
import { WalledByOrganisation } from '../instances/organisation-wall.interceptor';

/** Open data are for the people who publish them: auditors and administrators. */
const PUBLISHERS = [Role.Administrator, Role.Auditor, Role.GlobalAuditor];

/** The header that counts the contracts of the period a DECP export leaves out (docs/open-data.md). */
export const DECP_SKIPPED_HEADER = 'x-decp-skipped';

const ATTACHMENT = {
  'Content-Disposition': { description: 'attachment, with a file name ending in .json', schema: Type.String() },
};

function attachment(reply: FastifyReply, filename: string): void {
  void reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
}

/** The exports over a period: DECP for the national portal, OCDS for the international standard. */
@Controller('open-data')
export class OpenDataController {
  constructor(
    @Inject(OpenDataService) private readonly openData: OpenDataService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('decp')
  @Roles(...PUBLISHERS)
  @Contract({
    summary: 'The essential data (DECP 2.0.3) of the tender contracts notified or amended in a period, for data.gouv.fr',
    description:
      'A DECP 2.0.3 document `{"marches": {"marche": [...]}}` of the tender@3 contracts notified, or amended, from `from` to `to` (business dates, Europe/Paris, inclusive); an empty period gives `marche: []`. A publication date not yet recorded (RECORD_PUBLICATION) is the export’s own business date: the buyer publishes the file it downloads. A contract lacking a field DECP requires is left out and counted in `X-Decp-Skipped`. Same document as `engine-cli open-data decp`. See docs/open-data.md.',
    query: OpenDataPeriodQuery,
    responses: [
      {
        status: 200,
        description: 'The DECP document',
        schema: DecpDocumentSchema,
        headers: {
          ...ATTACHMENT,
          'X-Decp-Skipped': { description: 'How many contracts of the period lack a field DECP requires', schema: Type.String() },
        },
      },
    ],
    problems: [ErrorCode.VALIDATION_FAILED],
  })
  async decp(
    @ValidQuery() query: Static<typeof OpenDataPeriodQuery>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DecpDocument> {
    const exported = await this.openData.decp(query, OpenDataService.businessDateOf(this.clock.now()), readableOrganisations(principal));
    attachment(reply, `decp-${query.from}-${query.to}.json`);
    void reply.header(DECP_SKIPPED_HEADER, String(exported.skipped.length));
    return exported.document;
  }

  @Get('ocds')
  @Roles(...PUBLISHERS)
  @Contract({
    summary: 'One OCDS 1.1.5 release package with the releases of every tender that has a release in a period',
    description:
      'Every release of each tender with a release dated from `from` to `to` (business dates, Europe/Paris, inclusive). 404 NOTHING_TO_PUBLISH when there is none: a package holds at least one release. Same package as `engine-cli open-data ocds --from --to`. See docs/open-data.md.',
    query: OpenDataPeriodQuery,
    responses: [{ status: 200, description: 'The release package', schema: OcdsReleasePackageSchema, headers: ATTACHMENT }],
    problems: [ErrorCode.VALIDATION_FAILED, ErrorCode.NOTHING_TO_PUBLISH, ErrorCode.EVENT_NOT_ACCEPTED],
  })
  async ocds(
    @ValidQuery() query: Static<typeof OpenDataPeriodQuery>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OcdsReleasePackage> {
    const found = await this.openData.ocdsOfPeriod(query, readableOrganisations(principal));
    attachment(reply, `ocds-${query.from}-${query.to}.json`);
    return found;
  }
}

/** One tender's OCDS releases, beside its other views. */
@WalledByOrganisation()
@Controller('instances')
export class InstanceOcdsController {
  constructor(@Inject(OpenDataService) private readonly openData: OpenDataService) {}

  @Get(':id/ocds')
  @Roles(...PUBLISHERS)
  @Contract({
    summary: 'The OCDS 1.1.5 release package of one tender: a release per stage reached',
    description:
      'tender (published), award (attributed), contract (notified), contractAmendment (each amendment), implementation (delivery started), and tenderUpdate, tenderCancellation, contractTermination when they happen; each built from the record just after its event, with a stable id. 422 NOT_A_TENDER for a convention or a cohort; 404 NOTHING_TO_PUBLISH for a draft. Same package as `engine-cli open-data ocds --instance`. See docs/open-data.md.',
    params: { id: Uuid({ description: 'The record’s id' }) },
    responses: [{ status: 200, description: 'The release package', schema: OcdsReleasePackageSchema, headers: ATTACHMENT }],
    problems: [ErrorCode.INSTANCE_NOT_FOUND, ErrorCode.NOT_A_TENDER, ErrorCode.NOTHING_TO_PUBLISH, ErrorCode.EVENT_NOT_ACCEPTED],
  })
  async ocds(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OcdsReleasePackage> {
    const found = await this.openData.ocdsOfRecord(id);
    attachment(reply, `ocds-${id}.json`);
    return found;
  }
}
