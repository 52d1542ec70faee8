/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative,
 * a tie counting half (the Mann–Whitney U statistic over both class sizes). Null when either
 * class is empty, since the question has no answer then.
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number | null {
  const n = scores.length;
  if (positive.length !== n) throw new Error(`auc: ${n} scores but ${positive.length} labels`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (Number.isNaN(s)) throw new Error(`auc: score ${i} is NaN`);
    order[i] = i;
  }
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    // A run of tied scores shares the mean of the ranks i+1 … j.
    let j = i;
    while (j < n && scores[order[j] as number] === scores[order[i] as number]) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (positive[order[k] as number]) {
        pos++;
        rankSum += meanRank;
      }
    i = j;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
