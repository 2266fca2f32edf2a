// Whole numbers inside the sentences core itself writes (errors, refusals): "16,384".
// The presentation module (src/shared/present.ts) formats everything the views show; core may not
// import it (layers), and these sentences need only this one rule, which matches its formatCount.
export function countText(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US');
}
