import { Role } from './roles.decorator';

/** Who is calling: the name recorded as the actor of every event they cause, and their role. */
export interface Principal {
  name: string;
  role: Role;
}

/**
 * Turns a bearer credential into a principal, or undefined when it is not valid. Static tokens are
 * one implementation; a JWT verifier (key set, role from a claim) is another that can be provided
 * under the same token without touching controllers or the guard.
 */
export interface Authenticator {
  authenticate(bearer: string): Promise<Principal | undefined>;
}

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

export const ROLE_VALUES = Object.values(Role) as string[];
