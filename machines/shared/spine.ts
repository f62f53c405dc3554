/**
 * The common spine every lifecycle is mapped onto (DESIGN.md). Each state of every machine carries
 * exactly one of these as a tag, so views and indicators can compare kinds.
 */
export const SPINE_STAGES = [
  'draft',
  'published',
  'bidsClosed',
  'audition',
  'attributed',
  'delivering',
  'evaluatedAtEnd',
  'evaluatedAtSixMonths',
  'closed',
] as const;

export type SpineStage = (typeof SPINE_STAGES)[number];

export function isSpineStage(tag: string): tag is SpineStage {
  return (SPINE_STAGES as readonly string[]).includes(tag);
}
