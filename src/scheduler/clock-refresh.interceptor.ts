import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { Clock, SimulatedClock } from '../clock/clock';

/**
 * On the simulated clock, every request starts by reading the stored time (one row by its key) and
 * adopting it when another node moved the clock further: a request is never handled with a clock
 * behind a time that was stored before it arrived. On the real clock it does nothing.
 */
@Injectable()
export class ClockRefreshInterceptor implements NestInterceptor {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const clock = this.clock;
    if (!(clock instanceof SimulatedClock)) return next.handle();
    return from(clock.refresh()).pipe(switchMap(() => next.handle()));
  }
}
