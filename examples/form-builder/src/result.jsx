/**
 * The screening result as a client and their therapist read it. Every text comes from the library's result and is
 * rendered by React (escaped); the one exception is the body map, an SVG string the library builds itself.
 */

const PRESSURE_WORDS = { 1: '1 (very light)', 2: '2 (light)', 3: '3 (moderate)', 4: '4 (firm)', 5: '5 (deep)' };

const POSITIONING_WORDS = {
  'no-prone': 'no lying face down',
  'no-flat-supine': 'no lying flat on the back',
  'side-lying': 'side-lying',
  'seated-or-reclined': 'seated or reclined',
  'no-head-down': 'no head-down positions',
  'bolster-support': 'bolster support',
  'assist-on-off-table': 'help on and off the table',
  'rise-slowly': 'rise slowly',
  'short-session': 'a shorter session',
  'no-heat': 'no heat',
  'guardian-present': 'a guardian present',
};

const regionList = (regions, labels) => regions.map((r) => labels[r] ?? r).join(', ');

/** The body map, when this build of the library has `renderBodyMap`; otherwise a marked placeholder. */
function BodyMap({ result, painRegions, triage }) {
  if (typeof triage.renderBodyMap !== 'function') {
    return (
      <div className="body-map body-map-pending" data-testid="body-map-pending">
        Body map: shown here once the library exports <code>renderBodyMap</code>.
      </div>
    );
  }
  let svg;
  try {
    svg = triage.renderBodyMap(result, { painRegions, width: 520 });
  } catch {
    svg = undefined;
  }
  if (typeof svg !== 'string') return null;
  // The SVG is the library's own output (no client text in it), so it is inserted as markup.
  return <div className="body-map" data-testid="body-map" dangerouslySetInnerHTML={{ __html: svg }} />;
}

/**
 * Each flag for both readers. A precaution below a stop is for a later session only: its words for the client
 * describe a session that is not happening, so they are not shown, and the flag says so.
 */
function Flags({ flags, labels, regionLabels, plan, timingOf }) {
  if (flags.length === 0) return <p>No contraindications or precautions were found in your answers.</p>;
  return (
    <ul className="flags">
      {flags.map((f) => {
        const timing = timingOf(plan, f);
        return (
          <li
            key={`${f.ruleId}:${f.regions.join(',')}`}
            className={`flag disp-${f.disposition}${timing === 'later-session' ? ' later-session' : ''}`}
            data-rule-id={f.ruleId}
            data-category={f.category ?? ''}
            data-kind={f.kind}
            data-timing={timing}
          >
            <h4>
              {f.title} <span className="flag-disp">{labels[f.disposition] ?? f.disposition}</span>
            </h4>
            {timing === 'later-session' ? (
              <p className="later-note">For a later session only: there is no session today.</p>
            ) : (
              <p className="client-message">
                <strong>For you: </strong>
                {f.clientMessage}
              </p>
            )}
            <p className="therapist-message">
              <strong>For your therapist: </strong>
              {f.message}
            </p>
            {f.regions.length > 0 ? <p className="flag-regions">Areas: {regionList(f.regions, regionLabels)}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** What to do now: the result's summary for the client first, then the steps its messages give. */
function WhatToDo({ result }) {
  const steps = (result.clientMessages ?? []).filter((m) => m.timing === 'now');
  return (
    <div className="what-to-do" data-testid="what-to-do">
      <p className="summary" data-testid="summary">
        <strong>{result.summary?.client}</strong>
      </p>
      {steps.length > 1 ? (
        <ul className="steps">
          {steps.map((m) => (
            <li key={m.text} data-rule-ids={m.ruleIds.join(' ')}>
              {m.text}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The fallback of a library build without `flagTiming`: every flag adapts the session. */
const sessionTiming = () => 'session';

function Modifications({ m, regionLabels }) {
  const items = [];
  if (m.pressureCap) items.push(<li key="cap">Pressure at most {PRESSURE_WORDS[m.pressureCap] ?? m.pressureCap} on the whole body.</li>);
  for (const c of m.regionalPressureCaps)
    items.push(
      <li key={`cap-${c.region}`}>
        {regionLabels[c.region] ?? c.region}: pressure at most {PRESSURE_WORDS[c.pressureCap] ?? c.pressureCap}.
      </li>,
    );
  if (m.avoidRegions.length > 0) items.push(<li key="avoid">Do not work on: {regionList(m.avoidRegions, regionLabels)}.</li>);
  if (m.avoidTechniques.length > 0) items.push(<li key="tech">Techniques to avoid: {m.avoidTechniques.join(', ')}.</li>);
  if (m.positioning.length > 0)
    items.push(<li key="pos">Positioning: {m.positioning.map((p) => POSITIONING_WORDS[p] ?? p).join('; ')}.</li>);
  if (items.length === 0) return <p>No changes to a usual session.</p>;
  return <ul className="modifications">{items}</ul>;
}

function Techniques({ t }) {
  return (
    <>
      {t.note ? <p className="note">{t.note}</p> : null}
      <h4>Suggested</h4>
      {t.suggested.length === 0 ? (
        <p>None for now.</p>
      ) : (
        <ul className="suggested">
          {t.suggested.map((s) => (
            <li key={s.technique} data-technique={s.technique}>
              <strong>{s.name}</strong>{' '}
              <span className="pressure">
                (pressure {s.pressure.min}–{s.pressure.max})
              </span>
              {s.reason ? <span>: {s.reason}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {t.excluded.length > 0 ? (
        <>
          <h4>Left out</h4>
          <ul className="excluded">
            {t.excluded.map((x) => (
              <li key={x.technique} data-technique={x.technique}>
                <strong>{x.name}</strong>: {x.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The whole result: disposition, flags, modifications, techniques and the body map. */
export function Result({ result, painRegions = [], triage }) {
  if (!result.ok) {
    return (
      <section className="result" aria-labelledby="result-heading" data-testid="result" data-ok="false">
        <h2 id="result-heading">Some answers need another look</h2>
        <ul className="issues">
          {result.issues.map((i) => (
            <li key={`${i.pathString}:${i.code}`}>
              <code>{i.pathString || 'form'}</code>: {i.message}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const labels = triage.DISPOSITION_LABELS;
  // The plan says whether there is a session to describe at all: a stop plans none today.
  const plan = result.plan ?? 'today';
  const timingOf = typeof triage.flagTiming === 'function' ? triage.flagTiming : sessionTiming;
  return (
    <section
      className="result"
      aria-labelledby="result-heading"
      data-testid="result"
      data-ok="true"
      data-disposition={result.disposition}
      data-plan={plan}
      data-at={result.audit.at}
    >
      <h2 id="result-heading">Your screening result</h2>
      <p className={`disposition disp-${result.disposition}`} data-testid="disposition">
        {labels[result.disposition] ?? result.disposition}
      </p>
      <p className="meta">
        For the appointment on {result.audit.at}. Your therapist will go through this with you; it is a screening aid,
        not a diagnosis.
      </p>
      {result.summary ? (
        <>
          <h3>What to do now</h3>
          <WhatToDo result={result} />
        </>
      ) : null}
      <h3>What we found</h3>
      <Flags flags={result.flags} labels={labels} regionLabels={triage.BODY_REGION_LABELS} plan={plan} timingOf={timingOf} />
      <h3>Body map</h3>
      <BodyMap result={result} painRegions={painRegions} triage={triage} />
      {plan === 'none-today' ? (
        <>
          <h3>Your session</h3>
          <p className="no-session" data-testid="no-session">
            No session today. There is nothing to plan until you have done what is asked above; when you book again,
            your answers are checked again.
          </p>
        </>
      ) : (
        <>
          <h3>{plan === 'after-clearance' ? 'How the session changes, once you are cleared' : 'How the session changes'}</h3>
          <Modifications m={result.modifications} regionLabels={triage.BODY_REGION_LABELS} />
          <h3>Techniques</h3>
          <Techniques t={result.techniques} />
        </>
      )}
    </section>
  );
}
