// The renderer bundle's facts for the budget test and the UI benchmark: each chunk's gzip size, whether it loads at
// start or on demand (a language's catalog, a view or dialog), and any sign of zod in it, from dist/renderer-bundle.json.
// The budget is on the most JS a start loads before its first paint: the start chunk and, for a Chinese or Korean
// user, that language's catalog.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET = {
  /** The most JS a start loads before the first paint (the start chunk and the largest catalog), gzip. */
  startKb: 110,
  /** Each chunk loaded on demand, gzip. */
  onDemandKb: 10,
} as const;

export interface ChunkSize {
  readonly file: string;
  readonly onDemand: boolean;
  readonly gzipBytes: number;
  /** A language's catalog: loaded before the first paint for a user of that language. */
  readonly catalog: boolean;
  /** Why this chunk counts as carrying zod: a module of the package, or zod's own names in the code. */
  readonly zod: readonly string[];
}

const ZOD_MODULE = /(^|\/)node_modules\/zod\//;
const CATALOG_MODULE = /^renderer\/src\/i18n\/[\w-]+\.ts$/;
const ZOD_NAMES = /\b(ZodError|\$ZodType|\$ZodCheck|ZodIssueCode)\b/g;

/** Reads the facts of the renderer built into `dist`. */
export function bundleFacts(dist: string): ChunkSize[] {
  const chunks = JSON.parse(readFileSync(join(dist, 'renderer-bundle.json'), 'utf8')) as {
    file: string;
    onDemand: boolean;
    modules: string[];
  }[];
  return chunks.map((chunk) => {
    const code = readFileSync(join(dist, 'renderer', chunk.file));
    const names = [...new Set(code.toString('utf8').match(ZOD_NAMES) ?? [])];
    return {
      file: chunk.file,
      onDemand: chunk.onDemand,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      catalog: chunk.onDemand && chunk.modules.some((module) => CATALOG_MODULE.test(module)),
      zod: [...chunk.modules.filter((module) => ZOD_MODULE.test(module)), ...names],
    };
  });
}

export const kb = (bytes: number) => bytes / 1024;

/** The JS an English start loads: every chunk but the on-demand ones. */
export function startBytes(chunks: readonly ChunkSize[]): number {
  return chunks.filter((chunk) => !chunk.onDemand).reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
}

/** The largest catalog loaded on demand (what a start in that language adds), or null when every language is built in. */
export function largestCatalog(chunks: readonly ChunkSize[]): ChunkSize | null {
  return chunks
    .filter((chunk) => chunk.catalog)
    .reduce<ChunkSize | null>((max, chunk) => (max && max.gzipBytes >= chunk.gzipBytes ? max : chunk), null);
}

/** The most JS a start loads before its first paint. */
export function worstStartBytes(chunks: readonly ChunkSize[]): number {
  return startBytes(chunks) + (largestCatalog(chunks)?.gzipBytes ?? 0);
}

/** Every way the bundle breaks the budget, in words; empty when it holds. */
export function budgetProblems(chunks: readonly ChunkSize[]): string[] {
  const problems: string[] = [];
  if (!chunks.some((chunk) => !chunk.onDemand)) problems.push('no chunk loads at start: the build facts are incomplete');
  const start = kb(worstStartBytes(chunks));
  if (start > BUDGET.startKb)
    problems.push(`a start loads ${start.toFixed(1)} KB of JS gzip before its first paint, over the ${BUDGET.startKb} KB budget`);
  for (const chunk of chunks) {
    if (chunk.onDemand && kb(chunk.gzipBytes) > BUDGET.onDemandKb)
      problems.push(`${chunk.file}, loaded on demand, is ${kb(chunk.gzipBytes).toFixed(1)} KB gzip, over ${BUDGET.onDemandKb} KB`);
    if (chunk.zod.length) problems.push(`${chunk.file} carries zod (${chunk.zod.slice(0, 3).join(', ')}): validation belongs to main`);
  }
  return problems;
}

/** The figures, one line each, as the budget test and the benchmark print them. */
export function describeBundle(chunks: readonly ChunkSize[]): string[] {
  const catalog = largestCatalog(chunks);
  const onDemand = chunks.filter((chunk) => chunk.onDemand);
  const total = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  return [
    `JS at start: ${kb(worstStartBytes(chunks)).toFixed(1)} KB gzip at most (budget ${BUDGET.startKb} KB): ` +
      `${kb(startBytes(chunks)).toFixed(1)} KB in English${catalog ? `, + ${kb(catalog.gzipBytes).toFixed(1)} KB for ${catalog.file}` : ''}`,
    `on demand: ${onDemand.length} chunks (${onDemand.map((chunk) => `${chunk.file.replace('assets/', '')} ${kb(chunk.gzipBytes).toFixed(1)}`).join(', ')}); all JS ${kb(total).toFixed(1)} KB`,
    `zod in the bundle: ${chunks.some((chunk) => chunk.zod.length) ? 'yes' : 'none'}`,
  ];
}
