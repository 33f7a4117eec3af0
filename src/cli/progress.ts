// A progress bar on stderr for long runs (letters): one line, redrawn in place.

/** `[#####.........] 2000/64594 letters` */
export function progressBar(done: number, total: number, what: string): string {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${what}`;
}
