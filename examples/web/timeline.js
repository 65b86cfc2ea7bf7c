// Draws a span of time as an SVG timeline: days with their kind (workday, weekend, holiday, make-up day), the
// calendar's working windows, the stretch the clock ran, pauses, events, warnings, the due instant and a breach.
//
// Pure: a model in, SVG markup out (no DOM, so Node tests can read it). Every instant and window comes from the
// engine's answers; this file only places them on the page.

const W = 960; // viewBox width
const PAD = 12;
const BAND_Y = 44; // the working-time band
const BAND_H = 30;

const DAY_FILL = {
  workday: '#f4f7fb',
  makeup_workday: '#fff3d6',
  weekend: '#e6e8ec',
  statutory_holiday: '#f9d9dc',
  rest_day: '#f9e4e6',
};

/** Milliseconds since the epoch of an RFC 3339 instant (with its offset). */
export function ms(instant) {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) throw new Error(`not an instant: ${instant}`);
  return t;
}

/** Parses a UTC offset `+08:00` into minutes. */
export function offsetMinutes(offset) {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset ?? '+08:00');
  if (!m) return 480;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The local date `YYYY-MM-DD` of `t` (ms) at `offset` minutes. */
export function localDate(t, offset) {
  return new Date(t + offset * 60_000).toISOString().slice(0, 10);
}

/** `MM-DD HH:MM` of an instant as written by the engine (its own offset), for labels. */
export function shortTime(instant) {
  const m = /^\d{4}-(\d\d-\d\d)T(\d\d:\d\d)/.exec(instant ?? '');
  return m ? `${m[1]} ${m[2]}` : String(instant);
}

/** Working windows of the days as `[from, to]` ms intervals (a window ending 24:00 ends at the next midnight). */
export function workingIntervals(days, offset) {
  const out = [];
  for (const day of days) {
    for (const w of day.windows ?? []) {
      const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(w);
      if (!m) continue;
      const midnight = Date.parse(`${day.date}T00:00:00Z`) - offset * 60_000;
      const from = midnight + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
      const to = midnight + (Number(m[3]) * 60 + Number(m[4])) * 60_000;
      out.push([from, to]);
    }
  }
  return out;
}

/** Parts of `intervals` inside `[from, to]` and outside every `holes` interval. */
export function clip(intervals, from, to, holes = []) {
  let parts = intervals.map(([a, b]) => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a);
  for (const [ha, hb] of holes) {
    parts = parts.flatMap(([a, b]) => {
      if (hb <= a || ha >= b) return [[a, b]];
      const rest = [];
      if (ha > a) rest.push([a, ha]);
      if (hb < b) rest.push([hb, b]);
      return rest;
    });
  }
  return parts;
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Renders the timeline.
 *
 * model: {
 *   start, end: ms — the stretch shown;  offset: minutes east of UTC of the calendar (day boundaries);
 *   days: DayInfo[] from `calendar.days` covering start..end (backgrounds, holiday names, working windows);
 *   pauses?: [{from, to?, label}] ms — drawn hatched under the working band;
 *   lanes?: [{ label, counted: [[from, to]] ms, onCalendar: bool (counted time is clipped to working windows),
 *              due?: ms, dueLabel?, breach?: {from, to} ms, warnings?: [{at: ms, label, reached}] }];
 *   marks?: [{at: ms, kind: 'start'|'event'|'now'|'due', label}] — lines across, labels at the bottom;
 *   title?: string
 * }
 */
export function renderTimeline(model) {
  const { start, end, offset = 480, days = [] } = model;
  const span = Math.max(end - start, 60_000);
  const x = (t) => PAD + ((Math.min(Math.max(t, start), end) - start) / span) * (W - 2 * PAD);
  const lanes = model.lanes ?? [];
  const marks = [...(model.marks ?? [])].sort((a, b) => a.at - b.at);
  const LANE_Y = BAND_Y + BAND_H + 16;
  const LANE_H = 46;
  const lanesEnd = LANE_Y + lanes.length * LANE_H;
  const labelRows = Math.max(1, Math.min(4, marks.length));
  const H = lanesEnd + 14 + labelRows * 16;
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" class="timeline"` +
      ` aria-label="${esc(model.title ?? 'timeline')}">`,
  );
  parts.push(
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
      '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a6d3b" stroke-width="3"/>' +
      '</pattern></defs>',
  );

  // Days: background by kind, a boundary and a label.
  const dayWidth = (W - 2 * PAD) / (span / 86_400_000);
  for (const day of days) {
    const midnight = Date.parse(`${day.date}T00:00:00Z`) - offset * 60_000;
    const a = x(midnight);
    const b = x(midnight + 86_400_000);
    if (b <= a) continue;
    const fill = DAY_FILL[day.kind] ?? '#eee';
    parts.push(
      `<rect class="day day-${esc(day.kind)}" data-date="${esc(day.date)}" x="${a.toFixed(1)}" y="${BAND_Y - 4}"` +
        ` width="${(b - a).toFixed(1)}" height="${lanesEnd - BAND_Y + 4}" fill="${fill}" fill-opacity="0.8">` +
        `<title>${esc(day.date)} ${esc(day.kind)}${day.name ? ' ' + esc(day.name) : ''}</title></rect>`,
    );
    parts.push(`<line x1="${a.toFixed(1)}" y1="6" x2="${a.toFixed(1)}" y2="${lanesEnd}" stroke="#c5cad3"/>`);
    if (b - a > 16) {
      const label = dayWidth > 90 ? `${day.date.slice(5)} ${day.weekday}` : day.date.slice(8);
      parts.push(`<text x="${((a + b) / 2).toFixed(1)}" y="16" class="daylabel" text-anchor="middle">${esc(label)}</text>`);
      if (day.name && b - a > 24) {
        const tag = day.kind === 'makeup_workday' ? `${day.name} 补班` : day.name;
        parts.push(`<text x="${((a + b) / 2).toFixed(1)}" y="32" class="holiday" text-anchor="middle">${esc(tag)}</text>`);
      }
    }
  }

  // The working band: the calendar's windows.
  const working = workingIntervals(days, offset);
  parts.push(`<text x="${PAD}" y="${BAND_Y - 6}" class="lanelabel">working time</text>`);
  for (const [a, b] of clip(working, start, end)) {
    parts.push(
      `<rect class="working" x="${x(a).toFixed(1)}" y="${BAND_Y}" width="${Math.max(0.5, x(b) - x(a)).toFixed(1)}"` +
        ` height="${BAND_H}" fill="#8fd0a4"/>`,
    );
  }
  for (const p of model.pauses ?? []) {
    const a = x(p.from);
    const b = x(p.to ?? end);
    parts.push(
      `<rect class="pause" x="${a.toFixed(1)}" y="${BAND_Y + BAND_H + 2}" width="${Math.max(1, b - a).toFixed(1)}"` +
        ` height="9" fill="url(#hatch)" stroke="#8a6d3b"><title>${esc(p.label ?? 'paused')}</title></rect>`,
    );
  }

  // One lane per goal: the time that counted, warnings, the due instant, a breach.
  lanes.forEach((lane, i) => {
    const y = LANE_Y + i * LANE_H;
    const barY = y + 14;
    parts.push(`<g class="lane" data-lane="${i}">`);
    parts.push(`<line x1="${PAD}" y1="${barY + 6}" x2="${W - PAD}" y2="${barY + 6}" stroke="#c5cad3" stroke-dasharray="2 3"/>`);
    const counted = lane.onCalendar ? lane.counted.flatMap(([a, b]) => clip(working, a, b)) : lane.counted;
    for (const [a, b] of clip(counted, start, end)) {
      parts.push(
        `<rect class="running" x="${x(a).toFixed(1)}" y="${barY}" width="${Math.max(0.8, x(b) - x(a)).toFixed(1)}"` +
          ` height="12" fill="#2e8b57"/>`,
      );
    }
    if (lane.breach && lane.breach.to > lane.breach.from) {
      const a = x(lane.breach.from);
      const b = x(lane.breach.to);
      parts.push(
        `<rect class="breach" x="${a.toFixed(1)}" y="${barY - 3}" width="${Math.max(2, b - a).toFixed(1)}" height="18"` +
          ` fill="#d9534f" fill-opacity="0.55"><title>breached</title></rect>`,
      );
    }
    for (const w of lane.warnings ?? []) {
      const wx = x(w.at);
      parts.push(
        `<path class="warning" d="M${(wx - 5).toFixed(1)} ${barY - 6} h10 l-5 8 z" fill="${w.reached ? '#e69500' : '#fff'}"` +
          ` stroke="#e69500" stroke-width="1.5"><title>${esc(w.label)}</title></path>`,
      );
    }
    if (lane.due !== undefined) {
      const dx = x(lane.due);
      parts.push(
        `<line class="due" x1="${dx.toFixed(1)}" y1="${barY - 4}" x2="${dx.toFixed(1)}" y2="${barY + 28}" stroke="#1f4e79"` +
          ` stroke-width="3"/>`,
      );
      const right = dx + 8 * (lane.dueLabel ?? '').length < W;
      parts.push(
        `<text x="${(right ? dx + 5 : dx - 5).toFixed(1)}" y="${barY + 26}" class="duelabel"` +
          ` text-anchor="${right ? 'start' : 'end'}">${esc(lane.dueLabel ?? '')}</text>`,
      );
    }
    parts.push(`<text x="${PAD}" y="${y + 8}" class="lanelabel">${esc(lane.label)}</text>`);
    parts.push('</g>');
  });

  // Marks: a line across and a label below, stacked in rows so neighbours do not collide.
  const colour = { start: '#1f4e79', event: '#555', due: '#1f4e79', now: '#6f42c1', escalation: '#c9302c' };
  const rowEnd = [];
  marks.forEach((m) => {
    const mx = x(m.at);
    const c = colour[m.kind] ?? '#555';
    const width = 7 * String(m.label).length + 8;
    const anchor = mx + width > W ? 'end' : 'start';
    const left = anchor === 'end' ? mx - width : mx;
    let row = rowEnd.findIndex((e) => e < left - 4);
    if (row < 0) row = rowEnd.length < labelRows ? rowEnd.length : rowEnd.length - 1;
    rowEnd[row] = left + width;
    const ly = lanesEnd + 14 + row * 16;
    const dash = m.kind === 'now' ? ' stroke-dasharray="5 3"' : ' stroke-dasharray="1 2"';
    parts.push(
      `<g class="mark mark-${esc(m.kind)}"><line x1="${mx.toFixed(1)}" y1="${BAND_Y - 4}" x2="${mx.toFixed(1)}"` +
        ` y2="${ly - 10}" stroke="${c}" stroke-width="${m.kind === 'now' ? 2 : 1.2}"${dash}/>` +
        `<text x="${mx.toFixed(1)}" y="${ly}" fill="${c}" text-anchor="${anchor}" class="marklabel">${esc(m.label)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
