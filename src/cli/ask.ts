/**
 * npm run ask -- DIR "question" [--contract ID]
 * Answers a question from the contract texts in DIR (DIR/contracts/*.txt or DIR/*.txt) with the
 * built-in path: retrieval, sentence ranking, key terms first for one contract. No database, no LLM.
 */
import { AskEngine } from './ask/ask-engine.js';
import { readContracts } from './cuad/cuad-data.js';

const USAGE = 'usage: npm run ask -- DIR "question" [--contract ID]';
const HELP = `${USAGE}

Answers a question about contract wording from the .txt contracts in DIR (or DIR/contracts),
the way Ask Clause does without an LLM: it retrieves passages, ranks their sentences for the
question (by clause type when the question maps to one), never quotes a heading, signature line
or page footer, and quotes up to three sentences with their contract and character offsets.
With --contract ID (a file name without .txt) it looks only in that contract and answers date,
party, title and term questions from the key terms read from it first.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): { help: true } | { help: false; dir: string; question: string; contract?: string } {
  const positional: string[] = [];
  let contract: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { help: true };
    if (a === '--contract') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new UsageError('missing value for --contract');
      contract = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new UsageError('give DIR and one question (in quotes)');
  if (positional[1]!.trim().length < 3) throw new UsageError('the question is empty');
  return { help: false, dir: positional[0]!, question: positional[1]!, ...(contract ? { contract } : {}) };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message} (${USAGE})`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  let contracts;
  try {
    contracts = await readContracts(args.dir);
  } catch (e) {
    console.error(`cannot read ${args.dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 1;
  }
  if (contracts.length === 0) {
    console.error(`no .txt contracts in ${args.dir}`);
    return 1;
  }
  const engine = new AskEngine(contracts);
  if (args.contract && !engine.has(args.contract)) {
    console.error(`no contract ${args.contract} in ${args.dir} (${USAGE})`);
    return 2;
  }
  const answer = engine.ask(args.question, args.contract);
  console.log(answer.clauseType ? `Clause type: ${answer.clauseType}` : 'Clause type: none (answered from the question\'s words)');
  if (answer.quotes.length === 0) {
    console.log('I found nothing in the contract text that answers this.');
    return 0;
  }
  for (const q of answer.quotes) {
    console.log(`• ${answer.contractOf(q)} [${q.start}-${q.end}]${q.from === 'key_term' ? ' (key term)' : ''}: “${q.quote.replace(/\s+/g, ' ')}”`);
  }
  return 0;
}

process.exitCode = await main();
