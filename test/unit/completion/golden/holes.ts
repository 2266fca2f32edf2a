// Golden holes for post-processing: real-looking code in eight languages, each with the cursor
// and the exact text a perfect completion inserts there, written as «fill» inside the file.
// golden.test.ts wraps every fill in the artefacts models produce and requires the fill back.

export interface Hole {
  language: string;
  name: string;
  /** The file with the fill marked «like this» at the cursor. */
  file: string;
}

export const holes: Hole[] = [
  // ---- Python ----
  { language: 'python', name: 'call argument, auto-closed bracket', file: 'def total(a, b):\n    return a + b\n\nprint(«total(2, 3)»)\n' },
  { language: 'python', name: 'statement after indentation', file: 'def area(radius):\n    «return 3.14159 * radius * radius»\n\n\nprint(area(2))\n' },
  {
    language: 'python',
    name: 'block after a colon',
    file: 'def clamp(value, low, high):\n    if value < low:«\n        return low»\n    return min(value, high)\n',
  },
  {
    language: 'python',
    name: 'several lines on an indented empty line',
    file: 'def count_words(text):\n    counts = {}\n    «for word in text.split():\n        counts[word] = counts.get(word, 0) + 1»\n    return counts\n',
  },
  { language: 'python', name: 'whole line at column 0 above code', file: 'import os\n«import sys\n»\ndef main():\n    print(sys.argv, os.getcwd())\n' },
  { language: 'python', name: 'string literal, auto-closed quote', file: 'def greet(name):\n    return f"«Hello, {name}!»"\n' },

  // ---- TypeScript ----
  { language: 'typescript', name: 'call argument, auto-closed bracket', file: 'const names = users.map(«(u) => u.name»);\nconsole.log(names);\n' },
  {
    language: 'typescript',
    name: 'statement after indentation',
    file: 'export function sum(values: number[]): number {\n  «return values.reduce((a, b) => a + b, 0);»\n}\n',
  },
  {
    language: 'typescript',
    name: 'block after a brace',
    file: 'export function isEven(n: number): boolean {«\n  return n % 2 === 0;»\n}\n',
  },
  {
    language: 'typescript',
    name: 'several lines on an indented empty line',
    file: 'function firstPositive(values: number[]): number | undefined {\n  «for (const v of values) {\n    if (v > 0) return v;\n  }»\n  return undefined;\n}\n',
  },
  { language: 'typescript', name: 'whole line at column 0 above code', file: "import * as fs from 'node:fs';\n«import * as path from 'node:path';\n»\nexport const here = path.resolve(fs.realpathSync('.'));\n" },
  { language: 'typescript', name: 'string literal, auto-closed quote', file: "const greeting = '«Hello, world»';\n" },

  // ---- JavaScript ----
  { language: 'javascript', name: 'call argument, auto-closed bracket', file: 'const total = [1, 2, 3].reduce(«(a, b) => a + b, 0»);\n' },
  { language: 'javascript', name: 'statement after indentation', file: 'function double(x) {\n  «return x * 2;»\n}\n\nmodule.exports = { double };\n' },
  { language: 'javascript', name: 'block after a brace', file: 'function max(a, b) {«\n  return a > b ? a : b;»\n}\n' },
  {
    language: 'javascript',
    name: 'several lines on an indented empty line',
    file: 'function sumOdd(list) {\n  let sum = 0;\n  «for (const n of list) {\n    if (n % 2) sum += n;\n  }»\n  return sum;\n}\n',
  },
  { language: 'javascript', name: 'whole line at column 0 above code', file: "'use strict';\n«const assert = require('assert');\n»\nassert.ok(true);\n" },
  { language: 'javascript', name: 'template literal', file: 'const label = (n) => `«${n} items»`;\n' },

  // ---- Go ----
  { language: 'go', name: 'call argument, auto-closed bracket', file: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(«add(1, 2)»)\n}\n' },
  { language: 'go', name: 'statement after indentation', file: 'package main\n\nfunc add(a, b int) int {\n\t«return a + b»\n}\n' },
  { language: 'go', name: 'block after a brace', file: 'package main\n\nfunc abs(x int) int {«\n\tif x < 0 {\n\t\treturn -x\n\t}\n\treturn x»\n}\n' },
  {
    language: 'go',
    name: 'several lines on an indented empty line',
    file: 'package main\n\nfunc sum(xs []int) int {\n\ttotal := 0\n\t«for _, x := range xs {\n\t\ttotal += x\n\t}»\n\treturn total\n}\n',
  },
  { language: 'go', name: 'whole line at column 0 above code', file: 'package main\n\n«import "os"\n»\nfunc main() {\n\tos.Exit(0)\n}\n' },
  { language: 'go', name: 'string literal, auto-closed quote', file: 'package main\n\nconst greeting = "«hello, gopher»"\n' },

  // ---- Rust ----
  { language: 'rust', name: 'call argument, auto-closed bracket', file: 'fn main() {\n    let v = vec![1, 2, 3];\n    println!("{}", «v.len()»);\n}\n' },
  { language: 'rust', name: 'statement after indentation', file: 'fn square(x: i64) -> i64 {\n    «x * x»\n}\n' },
  { language: 'rust', name: 'block after a brace', file: 'fn is_empty(s: &str) -> bool {«\n    s.trim().is_empty()»\n}\n' },
  {
    language: 'rust',
    name: 'several lines on an indented empty line',
    file: 'fn count(xs: &[i32]) -> usize {\n    let mut n = 0;\n    «for x in xs {\n        if *x > 0 {\n            n += 1;\n        }\n    }»\n    n\n}\n',
  },
  { language: 'rust', name: 'whole line at column 0 above code', file: 'use std::fmt;\n«use std::io;\n»\nfn main() -> io::Result<()> {\n    Ok(())\n}\n' },
  { language: 'rust', name: 'string literal, auto-closed quote', file: 'fn main() {\n    let name = "«Ferris»";\n    println!("{name}");\n}\n' },

  // ---- Java ----
  {
    language: 'java',
    name: 'call argument, auto-closed bracket',
    file: 'public class Main {\n    public static void main(String[] args) {\n        System.out.println(«String.join(",", args)»);\n    }\n}\n',
  },
  { language: 'java', name: 'statement after indentation', file: 'class Calc {\n    int add(int a, int b) {\n        «return a + b;»\n    }\n}\n' },
  { language: 'java', name: 'block after a brace', file: 'class Calc {\n    int max(int a, int b) {«\n        return Math.max(a, b);»\n    }\n}\n' },
  {
    language: 'java',
    name: 'several lines on an indented empty line',
    file: 'class Calc {\n    int sum(int[] xs) {\n        int total = 0;\n        «for (int x : xs) {\n            total += x;\n        }»\n        return total;\n    }\n}\n',
  },
  { language: 'java', name: 'whole line at column 0 above code', file: 'import java.util.List;\n«import java.util.Map;\n»\nclass Registry {\n    Map<String, List<String>> entries;\n}\n' },
  { language: 'java', name: 'string literal, auto-closed quote', file: 'class Greeter {\n    String greet() {\n        return "«Hello, Java»";\n    }\n}\n' },

  // ---- C ----
  { language: 'c', name: 'call argument, auto-closed bracket', file: '#include <stdio.h>\n\nint main(void) {\n    printf("%d\\n", «add(2, 3)»);\n    return 0;\n}\n' },
  { language: 'c', name: 'statement after indentation', file: 'int add(int a, int b) {\n    «return a + b;»\n}\n' },
  { language: 'c', name: 'block after a brace', file: 'int max(int a, int b) {«\n    return a > b ? a : b;»\n}\n' },
  {
    language: 'c',
    name: 'several lines on an indented empty line',
    file: 'int sum(const int *xs, int n) {\n    int total = 0;\n    «for (int i = 0; i < n; i++) {\n        total += xs[i];\n    }»\n    return total;\n}\n',
  },
  { language: 'c', name: 'whole line at column 0 above code', file: '#include <stdio.h>\n«#include <stdlib.h>\n»\nint main(void) {\n    exit(0);\n}\n' },
  { language: 'c', name: 'string literal, auto-closed quote', file: 'const char *greeting = "«hello, world»";\n' },

  // ---- Ruby ----
  { language: 'ruby', name: 'call argument, auto-closed bracket', file: 'def total(a, b)\n  a + b\nend\n\nputs(«total(1, 2)»)\n' },
  { language: 'ruby', name: 'statement after indentation', file: 'def square(x)\n  «x * x»\nend\n' },
  {
    language: 'ruby',
    name: 'several lines on an indented empty line',
    file: 'def evens(list)\n  result = []\n  «list.each do |x|\n    result << x if x.even?\n  end»\n  result\nend\n',
  },
  { language: 'ruby', name: 'whole line at column 0 above code', file: "require 'json'\n«require 'set'\n»\nputs Set.new([1]).to_a.to_json\n" },
  { language: 'ruby', name: 'string literal, auto-closed quote', file: 'def greet(name)\n  "«Hello, #{name}!»"\nend\n' },
];

/** Splits a hole's file into prefix, fill and suffix. */
export function splitHole(hole: Hole): { prefix: string; fill: string; suffix: string } {
  const open = hole.file.indexOf('«');
  const close = hole.file.indexOf('»');
  if (open < 0 || close < open) throw new Error(`hole ${hole.language}/${hole.name} has no «fill»`);
  return { prefix: hole.file.slice(0, open), fill: hole.file.slice(open + 1, close), suffix: hole.file.slice(close + 1) };
}
