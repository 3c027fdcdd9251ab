import { createRequire } from 'node:module';
import type nunjucks from 'nunjucks';
import { calendarDay, londonDateTime, londonDay, londonShortDay } from './london-time.js';
import { label } from './labels.js';

const require = createRequire(import.meta.url);

/**
 * Filters the views use. MoJ Frontend's own (its timeline needs `mojDate`) come from its
 * package; ours format instants in London time and turn codes into words.
 */
export function configureNunjucks(env: nunjucks.Environment): void {
  const mojFilters = (require('@ministryofjustice/frontend/moj/filters/all.js') as () => Record<string, (...args: unknown[]) => unknown>)();
  for (const [name, filter] of Object.entries(mojFilters)) env.addFilter(name, filter);
  // MoJ's own formats with moment in the server's time zone: the timeline's dates are London's.
  env.addFilter('mojDate', (timestamp: Date | string, type?: string) => {
    if (type === 'date') return londonDay(timestamp);
    if (type === 'shortdate') return londonShortDay(timestamp);
    if (type === 'time') return londonDateTime(timestamp).split(' at ')[1] ?? '';
    if (type === 'shortdatetime') return `${londonShortDay(timestamp)} at ${londonDateTime(timestamp).split(' at ')[1] ?? ''}`;
    return londonDateTime(timestamp);
  });
  env.addFilter('londonDay', londonDay);
  env.addFilter('londonShortDay', londonShortDay);
  env.addFilter('londonDateTime', londonDateTime);
  env.addFilter('calendarDay', calendarDay);
  env.addFilter('label', (code: unknown) => label(String(code ?? '')));
}
