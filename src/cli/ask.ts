/**
 * npm run ask -- DIR "question" [--contract ID]
 * Answers a question from the contract texts in DIR (DIR/contracts/*.txt or DIR/*.txt) with the
 * built-in path: retrieval, sentence ranking, key terms first for one contract. No database, no LLM.
 */
import { AskEngine } from './ask/ask-engine.js';
import { readContracts } from './cuad/cuad-data.js';
import { CliError, runCli, UsageError, type CliSpec } from './cli-kit.js';

const askCli: CliSpec = {
  name: 'ask',
  file: 'ask',
  usage: 'DIR "question" [--contract ID]',
  summary: 'Answers a question about contract wording from the .txt contracts in DIR (or DIR/contracts), the way Ask Clause does without an LLM.',
  options: {
    contract: {
      type: 'string',
      value: 'ID',
      description: 'look only in this contract (a file name without .txt); date, party, title and term questions are answered from its key terms first',
    },
  },
  positionals: { min: 2, max: 2 },
  details: `It retrieves passages, ranks their sentences for the question (by clause type when the
question maps to one), never quotes a heading, signature line or page footer, and quotes up to
three sentences with their contract and character offsets. No database, no LLM.`,
};

runCli(askCli, async ({ values, positionals }) => {
  const dir = positionals[0]!;
  const question = positionals[1]!;
  const contract = values.contract as string | undefined;
  if (question.trim().length < 3) throw new UsageError('the question is empty');
  let contracts;
  try {
    contracts = await readContracts(dir);
  } catch (e) {
    throw new CliError(`cannot read ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (contracts.length === 0) throw new CliError(`no .txt contracts in ${dir}`);
  const engine = new AskEngine(contracts);
  if (contract && !engine.has(contract)) throw new UsageError(`no contract ${contract} in ${dir}`);
  const answer = engine.ask(question, contract);
  console.log(answer.clauseType ? `Clause type: ${answer.clauseType}` : "Clause type: none (answered from the question's words)");
  if (answer.quotes.length === 0) {
    console.log('I found nothing in the contract text that answers this.');
    return 0;
  }
  for (const q of answer.quotes) {
    console.log(`• ${answer.contractOf(q)} [${q.start}-${q.end}]${q.from === 'key_term' ? ' (key term)' : ''}: “${q.quote.replace(/\s+/g, ' ')}”`);
  }
  return 0;
});
