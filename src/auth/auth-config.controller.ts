import { Controller, Get, Inject } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { named } from '../contract/components';
import { Contract } from '../contract/contract';
import { Public } from './roles.decorator';

export const AuthConfigSchema = named(
  'AuthConfig',
  Type.Object(
    {
      staticTokens: Type.Boolean({ description: 'Static bearer tokens are accepted (always)' }),
      oidc: Type.Union(
        [
          Type.Object(
            {
              issuer: Type.String({
                description: 'The OpenID Connect issuer (its discovery document: <issuer>/.well-known/openid-configuration)',
              }),
              clientId: Type.String({ description: 'The client a console signs in as (OIDC_CLIENT_ID, by default the first audience)' }),
              audiences: Type.Array(Type.String(), { description: 'The audiences a token must name one of (OIDC_AUDIENCE)' }),
              scopes: Type.Array(Type.String(), { description: 'The scopes to ask for (OIDC_SCOPES)' }),
            },
            { additionalProperties: false },
          ),
          Type.Null(),
        ],
        { description: 'The provider whose JWTs are accepted, for a console to start the authorization-code flow; null: none' },
      ),
    },
    { additionalProperties: false },
  ),
);

/** How to get a token: what a console needs before anyone has signed in. */
@Public()
@Controller('auth')
export class AuthConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('config')
  @Contract({
    summary: 'How to sign in: static tokens, and the OpenID Connect provider (issuer, client id, scopes) if one is configured',
    responses: [{ status: 200, description: 'The sign-in settings (no secret)', schema: AuthConfigSchema }],
  })
  authConfig(): Static<typeof AuthConfigSchema> {
    const oidc = this.config.oidc;
    return {
      staticTokens: true,
      oidc: oidc ? { issuer: oidc.issuer, clientId: oidc.clientId, audiences: oidc.audiences, scopes: oidc.scopes } : null,
    };
  }
}
