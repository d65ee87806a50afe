// A synthetic 40-rule set in the default set's shape (all/any/not, our operators and the built-ins, derived facts),
// so the benchmarks also show how cost grows with rule count while the default set is still small. Not clinical:
// the outcomes are placeholders, only the shape of the conditions matters here.

const TRI = [
  ['clots', 'legSigns'], ['clots', 'history'], ['clots', 'immobility'], ['clots', 'breathlessnessOrChestPain'],
  ['bones', 'fracture'], ['bones', 'suspectedFracture'], ['medications', 'anticoagulants'], ['medications', 'corticosteroids'],
  ['medications', 'antiplatelets'], ['surgery', 'recent'], ['injections', 'recent'], ['heart', 'heartAttackOrStroke'],
  ['heart', 'heartCondition'], ['heart', 'implantedDevice'], ['heart', 'aneurysm'], ['metabolic', 'diabetes'],
  ['metabolic', 'kidneyDisease'], ['blood', 'bleedingDisorder'], ['skin', 'contagious'], ['skin', 'woundsOrBurns'],
  ['veins', 'varicose'], ['veins', 'phlebitis'], ['illness', 'feverOrAcuteIllness'], ['injury', 'recent'],
  ['joints', 'inflammatoryArthritis'], ['nerves', 'epilepsy'], ['other', 'hernia'], ['redFlags', 'nightPain'],
];
const DISP = ['modify', 'postpone', 'clearance-required', 'refer-urgent'];

const leaf = (fact, path, operator, value) => ({ fact, path, operator, value });

/** The synthetic rule set (plain JSON, to be loaded with `loadRuleSet`). `n` rules, 40 by default. */
export function syntheticRuleSet(n = 40) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const [g, q] = TRI[i % TRI.length];
    const [g2, q2] = TRI[(i * 7 + 3) % TRI.length];
    let conditions;
    switch (i % 5) {
      case 0: conditions = { all: [leaf(g, q, 'yesOrUnsure', true)] }; break;
      case 1: conditions = { all: [leaf(g, q, 'equal', 'yes'), leaf('derived', 'ageYears', 'greaterThanInclusive', 18 + (i % 50))] }; break;
      case 2: conditions = { any: [leaf(g, q, 'yesOrUnsure', true), { all: [leaf(g2, q2, 'equal', 'yes'), leaf('derived', 'daysSinceSurgery', 'withinDays', 42)] }] }; break;
      case 3: conditions = { all: [leaf(g, q, 'in', ['yes', 'unsure']), { not: leaf('derived', 'unsureAnswers', 'isNotEmpty', true) }] }; break;
      default: conditions = { all: [leaf(g, q, 'notEqual', 'no'), leaf('bones', 'osteoporosis', 'notIn', ['none']), leaf('derived', 'isMinor', 'equal', false)] };
    }
    rules.push({
      id: `synthetic-${String(i + 1).padStart(2, '0')}`,
      title: `Synthetic rule ${i + 1}`,
      conditions,
      outcome: { disposition: DISP[i % DISP.length], scope: 'systemic' },
      message: 'Synthetic benchmark rule.',
      clientMessage: 'Synthetic benchmark rule.',
      rationale: 'Benchmark only.',
      references: [{ key: 'B1', title: 'Benchmark' }],
    });
  }
  return { id: 'bench-synthetic', version: '0.0.0', description: 'Synthetic rules for benchmarks only.', rules };
}
