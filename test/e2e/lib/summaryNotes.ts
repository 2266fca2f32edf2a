// Lines a spec wants repeated in the e2e run's closing summary (figures such as completion
// coverage), so they are not lost among a few hundred lines of step output.
const notes: string[] = [];

export function addSummaryNote(line: string): void {
  notes.push(line);
}

export function summaryNotes(): readonly string[] {
  return notes;
}
