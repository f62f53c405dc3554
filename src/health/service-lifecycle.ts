import { Injectable } from '@nestjs/common';

/** Whether the service is stopping: from the first SIGTERM (or SIGINT) on, readiness answers 503. */
@Injectable()
export class ServiceLifecycle {
  private stoppingSince: string | undefined;

  get stopping(): boolean {
    return this.stoppingSince !== undefined;
  }

  get since(): string | undefined {
    return this.stoppingSince;
  }

  beginStopping(): void {
    this.stoppingSince ??= new Date().toISOString();
  }
}
