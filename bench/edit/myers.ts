// The peer's diff: Myers' O((N+M)D) shortest edit script over lines, the algorithm diff
// libraries and VS Code's legacy diff use. Only the distance is returned; the forward pass that
// finds it is the cost that matters here.
export function myersDistance(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!) ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max;
}
