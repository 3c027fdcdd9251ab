import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One node of a V8 .cpuprofile (node --cpu-prof): a call frame and the samples taken in it. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  percent: number;
}

/**
 * The functions the samples of every .cpuprofile in `directory` fell in most (self time:
 * time in the function itself, not its callees), summed over the files. Idle time
 * ("(idle)") is left out of the total, so the percentages are of the CPU the process used.
 */
export function topSelfTime(directory: string, count: number): { rows: SelfTime[]; busyMs: number } {
  const byFunction = new Map<string, SelfTime>();
  let busyMs = 0;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((nodeId, index) => {
      const node = nodes.get(nodeId);
      if (!node) return;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') return;
      const ms = (profile.timeDeltas[index] ?? 0) / 1000;
      busyMs += ms;
      const name = functionName || '(anonymous)';
      const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
      const key = `${name}@${where}`;
      const entry = byFunction.get(key) ?? { name, where, ms: 0, percent: 0 };
      entry.ms += ms;
      byFunction.set(key, entry);
    });
  }
  const rows = [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, count);
  for (const row of rows) row.percent = busyMs === 0 ? 0 : (row.ms / busyMs) * 100;
  return { rows, busyMs };
}
