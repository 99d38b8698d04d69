// `help`: a manual built from the model documentation (placeholder until the full renderer lands).
export function renderHelp(path: string[]): string {
  return `connect-chat ${path.join(" ")}\n`;
}
