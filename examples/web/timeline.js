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
 *   start, end: ms — the stretch shown;
 *   offset: minutes east of UTC of the calendar (for day boundaries);
 *   days: DayInfo[] from `calendar.days` covering start..end;
 *   running?: {from, to} ms — where the clock ran (drawn darker inside working windows, minus pauses);
 *   pauses?: [{from, to, label}] ms;
 *   marks?: [{at: ms, kind: 'start'|'event'|'warning'|'due'|'breach'|'now'|'resolved', label}];
 *   breach?: {from, to} ms — overdue stretch;
 *   title?: string
 * }
 */
export function renderTimeline(model) {
  const { start, end, offset = 480, days = [] } = model;
  const span = Math.max(end - start, 60_000);
  const x = (t) => PAD + ((Math.min(Math.max(t, start), end) - start) / span) * (W - 2 * PAD);
  const marks = [...(model.marks ?? [])].sort((a, b) => a.at - b.at);
  const labelRows = Math.max(1, Math.min(4, marks.length));
  const H = BAND_Y + BAND_H + 28 + labelRows * 16 + 10;
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
        ` width="${(b - a).toFixed(1)}" height="${BAND_H + 8}" fill="${fill}"><title>${esc(day.date)} ${esc(day.kind)}` +
        `${day.name ? ' ' + esc(day.name) : ''}</title></rect>`,
    );
    parts.push(`<line x1="${a.toFixed(1)}" y1="18" x2="${a.toFixed(1)}" y2="${BAND_Y + BAND_H + 4}" stroke="#c5cad3"/>`);
    if (b - a > 34) {
      const label = dayWidth > 90 ? `${day.date.slice(5)} ${day.weekday}` : day.date.slice(8);
      parts.push(`<text x="${((a + b) / 2).toFixed(1)}" y="16" class="daylabel" text-anchor="middle">${esc(label)}</text>`);
      if (day.name && b - a > 24) {
        const tag = day.kind === 'makeup_workday' ? `${day.name} 补班` : day.name;
        parts.push(`<text x="${((a + b) / 2).toFixed(1)}" y="32" class="holiday" text-anchor="middle">${esc(tag)}</text>`);
      }
    }
  }

  // Working windows, then the part of them where the clock ran.
  const working = workingIntervals(days, offset);
  for (const [a, b] of clip(working, start, end)) {
    parts.push(
      `<rect class="working" x="${x(a).toFixed(1)}" y="${BAND_Y}" width="${Math.max(0.5, x(b) - x(a)).toFixed(1)}"` +
        ` height="${BAND_H}" fill="#b9e3c6"/>`,
    );
  }
  const pauses = (model.pauses ?? []).map((p) => [p.from, p.to ?? end]);
  if (model.running) {
    for (const [a, b] of clip(working, model.running.from, model.running.to, pauses)) {
      parts.push(
        `<rect class="running" x="${x(a).toFixed(1)}" y="${BAND_Y + 6}" width="${Math.max(0.5, x(b) - x(a)).toFixed(1)}"` +
          ` height="${BAND_H - 12}" fill="#2e8b57"/>`,
      );
    }
  }
  for (const p of model.pauses ?? []) {
    const a = x(p.from);
    const b = x(p.to ?? end);
    parts.push(
      `<rect class="pause" x="${a.toFixed(1)}" y="${BAND_Y + BAND_H + 2}" width="${Math.max(1, b - a).toFixed(1)}"` +
        ` height="8" fill="url(#hatch)" stroke="#8a6d3b"><title>${esc(p.label ?? 'paused')}</title></rect>`,
    );
  }
  if (model.breach && model.breach.to > model.breach.from) {
    const a = x(model.breach.from);
    const b = x(model.breach.to);
    parts.push(
      `<rect class="breach" x="${a.toFixed(1)}" y="${BAND_Y - 4}" width="${Math.max(1, b - a).toFixed(1)}"` +
        ` height="${BAND_H + 8}" fill="#d9534f" fill-opacity="0.35"><title>breached</title></rect>`,
    );
  }

  // Marks: a line through the band and a label below, stacked in rows so neighbours do not collide.
  const colour = { start: '#1f4e79', event: '#555', warning: '#e69500', due: '#1f4e79', breach: '#c9302c', now: '#6f42c1', resolved: '#2e8b57' };
  const rowEnd = [];
  marks.forEach((m) => {
    const mx = x(m.at);
    const c = colour[m.kind] ?? '#555';
    const width = 7 * String(m.label).length + 8;
    const left = mx + width > W ? mx - width : mx;
    let row = rowEnd.findIndex((e) => e < left - 4);
    if (row < 0) row = rowEnd.length < labelRows ? rowEnd.length : rowEnd.length - 1;
    rowEnd[row] = left + width;
    const ly = BAND_Y + BAND_H + 26 + row * 16;
    const dash = m.kind === 'now' ? ' stroke-dasharray="4 3"' : '';
    const w = m.kind === 'due' || m.kind === 'breach' ? 3 : 1.5;
    const anchor = mx + width > W ? 'end' : 'start';
    parts.push(
      `<g class="mark mark-${esc(m.kind)}"><line x1="${mx.toFixed(1)}" y1="${BAND_Y - 8}" x2="${mx.toFixed(1)}"` +
        ` y2="${ly - 10}" stroke="${c}" stroke-width="${w}"${dash}/>` +
        (m.kind === 'warning' ? `<path d="M${(mx - 5).toFixed(1)} ${BAND_Y - 8} h10 l-5 8 z" fill="${c}"/>` : '') +
        `<text x="${mx.toFixed(1)}" y="${ly}" fill="${c}" text-anchor="${anchor}" class="marklabel">${esc(m.label)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
