/** `DIR --out FILE --k 5` style arguments: one positional folder plus `--name value` flags. */
export interface CliArgs {
  dir: string;
  flags: Record<string, string>;
}

export function parseCliArgs(argv: string[], usage: string): CliArgs {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${arg}\n${usage}`);
      flags[arg.slice(2)] = value;
      i++;
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new Error(usage);
  return { dir: positional[0]!, flags };
}
