/**
 * Writes an import file of N contracts (the README's CSV header) for the import benchmark:
 *
 *   npx tsx bench/make-contracts-csv.ts 10000 > /tmp/contracts-10k.csv
 *   npm run import -- /tmp/contracts-10k.csv
 *
 * Deterministic (same N, same file): external ids BENCH-000001…, end dates spread over three
 * years, a mix of types, owners, currencies and statuses.
 */
const n = Number(process.argv[2] ?? 10_000);
const header =
  'external_id,title,type,counterparty,owner_email,owner_slack_id,owner_teams_id,value,currency,start_date,end_date,term_months,auto_renews,renewal_term_months,notice_period_days,governing_law,status,signed_date,notes';
let seed = 11;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const day = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const lines = [header];
for (let i = 1; i <= n; i++) {
  const type = pick(['msa', 'nda', 'sow', 'order_form']);
  const start = day('2025-01-01', Math.floor(rand() * 540));
  const hasEnd = rand() < 0.7;
  const end = hasEnd ? day(start, 365 + Math.floor(rand() * 730)) : '';
  const autoRenews = rand() < 0.5;
  const owner = i % 200;
  lines.push(
    [
      `BENCH-${String(i).padStart(6, '0')}`,
      `Bench ${type.toUpperCase()} ${i}`,
      type,
      `Counterparty ${i % 2_500}`,
      `owner${owner}@example.com`,
      owner % 2 === 0 ? `U0OWNER${owner}` : '',
      '',
      String(1_000 + Math.floor(rand() * 500_000)),
      pick(['USD', 'USD', 'EUR', 'GBP']),
      start,
      end,
      hasEnd ? '' : '12',
      String(autoRenews),
      autoRenews ? pick(['12', '24']) : '',
      pick(['', '30', '60', '90']),
      pick(['Delaware', 'England and Wales', 'Germany', 'New York']),
      pick(['active', 'active', 'active', 'sent_for_signature']),
      '',
      i % 10 === 0 ? 'Imported for the benchmark' : '',
    ].join(','),
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
