import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { UUID_PATTERN } from '../engine/engine.types';

/** Instance ids are UUIDs: anything else is refused as unknown before any read (404, or `code`). */
export function assertInstanceId(id: string, code: ErrorCode = ErrorCode.INSTANCE_NOT_FOUND): void {
  if (!UUID_PATTERN.test(id)) throw new DomainError(code, `"${id.slice(0, 80)}" is not an instance id (a UUID).`);
}
