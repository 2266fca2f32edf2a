// A deterministic ~20 KB chat answer shaped like real ones: headings, paragraphs, lists, a table,
// inline code and several fenced code blocks in different languages.

const paragraph = (i: number) =>
  `Step ${i}: the handler reads the request, validates it with the schema and passes the result to ` +
  '`processOrder()`, which returns a **typed** result. Errors are mapped once, at the edge, so callers ' +
  `never see a raw exception; see [the guide](https://example.com/guide/${i}) for the details.`;

const code: Record<string, (i: number) => string> = {
  ts: (i) =>
    `export async function fetchUser${i}(id: string): Promise<User> {\n  const response = await fetch(\`/api/users/\${id}\`);\n` +
    `  if (!response.ok) throw new Error(\`HTTP \${response.status}\`);\n  const body: unknown = await response.json();\n` +
    `  return UserSchema.parse(body);\n}\n\nconst cache${i} = new Map<string, User>();\nfor (const [key, value] of cache${i}) {\n  console.log(key, value.name);\n}\n`,
  python: (i) =>
    `def summarize_${i}(rows: list[dict]) -> dict:\n    """Group rows by kind and count them."""\n    counts = {}\n    for row in rows:\n` +
    `        counts[row["kind"]] = counts.get(row["kind"], 0) + 1\n    return dict(sorted(counts.items()))\n\nif __name__ == "__main__":\n    print(summarize_${i}([{"kind": "a"}]))\n`,
  bash: (i) => `#!/usr/bin/env bash\nset -euo pipefail\nfor f in src/*.ts; do\n  echo "checking $f (${i})"\n  npx eslint "$f" || exit 1\ndone\n`,
  json: (i) => `{\n  "name": "example-${i}",\n  "version": "1.0.${i}",\n  "scripts": { "build": "node esbuild.mjs", "test": "mocha" },\n  "dependencies": { "zod": "^4.1.0" }\n}\n`,
  rust: (i) => `fn parse_${i}(input: &str) -> Result<Vec<u32>, std::num::ParseIntError> {\n    input\n        .split(',')\n        .map(|s| s.trim().parse::<u32>())\n        .collect()\n}\n`,
  go: (i) => `func handle${i}(w http.ResponseWriter, r *http.Request) {\n\tif r.Method != http.MethodPost {\n\t\thttp.Error(w, "method not allowed", 405)\n\t\treturn\n\t}\n\tfmt.Fprintf(w, "ok %d", ${i})\n}\n`,
};

export function makeAnswer(targetChars = 20_000): string {
  const parts: string[] = ['# How to structure the service', ''];
  const languages = Object.keys(code);
  for (let i = 0; parts.join('\n').length < targetChars; i++) {
    parts.push(paragraph(i), '');
    if (i % 3 === 0) parts.push(`- first point about ${i}`, `- second point with \`code_${i}\``, `- third point`, '');
    if (i % 2 === 1) {
      const language = languages[Math.floor(i / 2) % languages.length]!;
      parts.push('```' + language, code[language]!(i).trimEnd(), '```', '');
    }
    if (i % 7 === 6) parts.push('| Option | Default | Meaning |', '|---|---|---|', `| retries | ${i} | how often to retry |`, '| timeout | 30 | seconds |', '');
    if (i % 5 === 4) parts.push(`## Part ${i}`, '');
  }
  return parts.join('\n').slice(0, targetChars);
}
