'use strict';
// The report of one sparktune study, drawn from the JSON in #data with hand-written SVG. Every
// value from the study (params, choices, errors, names) goes into the page as text (textContent),
// never as markup. Each chart records how many marks it drew in its figure's data-points, and any
// script error is appended to #report-errors, so a headless browser's DOM dump can be checked.
const ERRORS = [];
window.onerror = (msg, src, line) => { ERRORS.push(String(msg) + ' @' + line); status(); };
const D = JSON.parse(document.getElementById('data').textContent);
const NS = 'http://www.w3.org/2000/svg';
const MAXIMIZE = D.direction === 'maximize';
const COLS = {num: 0, state: 1, config: 2, rung: 3, budget: 4, start: 5, end: 6, value: 7, std: 8, params: 9, err: 10, cost: 11};
const T = D.trials;
const POINTS = {};

function h(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function s(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function fmt(v, d) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(d === undefined ? 3 : d);
  return String(+v.toFixed(d === undefined ? 5 : d));
}
function bytes(b) {
  const u = ['B', 'KB', 'MB', 'GB', 'TB']; let i = 0;
  while (b >= 1024 && i < u.length - 1) { b /= 1024; i++; }
  return (i ? b.toFixed(1) : b) + ' ' + u[i];
}
function secs(x) { return x < 120 ? fmt(x, 1) + ' s' : x < 7200 ? fmt(x / 60, 1) + ' min' : fmt(x / 3600, 2) + ' h'; }
const stateName = t => D.states[t[COLS.state]];
const better = (a, b) => MAXIMIZE ? a > b : a < b;

function section(id, title, guide) {
  const sec = h('section', {id: 'sec-' + id});
  sec.appendChild(h('h2', {}, title));
  if (guide) sec.appendChild(h('p', {class: 'guide'}, guide));
  document.getElementById('report').appendChild(sec);
  return sec;
}
function figure(sec, id, n) {
  const f = h('figure', {id: 'chart-' + id, 'data-points': n});
  POINTS[id] = n;
  sec.appendChild(f);
  return f;
}
function status() {
  const e = document.getElementById('report-status');
  if (e) e.textContent = JSON.stringify({errors: ERRORS, points: POINTS});
}

// A scale from a domain to pixels; log when asked and the domain is positive.
function scale(lo, hi, a, b, log) {
  log = log && lo > 0;
  if (lo === hi) { lo = lo === 0 ? -1 : lo * (log ? 0.5 : 0.9); hi = hi === 0 ? 1 : hi * (log ? 2 : 1.1); if (lo > hi) [lo, hi] = [hi, lo]; }
  const f = log ? Math.log10 : (x => x);
  const L = f(lo), H = f(hi);
  const sc = x => a + (f(x) - L) / (H - L) * (b - a);
  sc.ticks = () => {
    const out = [];
    if (log) {
      for (let e = Math.floor(L); e <= Math.ceil(H); e++) { const v = Math.pow(10, e); if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v); }
      if (out.length >= 2) return out;
    }
    const span = hi - lo, step0 = Math.pow(10, Math.floor(Math.log10(span / 5)));
    const step = [1, 2, 5, 10].map(m => m * step0).find(st => span / st <= 6);
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  };
  return sc;
}
function extent(vals) {
  let lo = Infinity, hi = -Infinity;
  for (const v of vals) if (v !== null && isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return lo === Infinity ? [0, 1] : [lo, hi];
}
// An SVG with x and y axes; returns {svg, x, y}.
function plot(w, hgt, xs, ys, xl, yl, opt) {
  opt = opt || {};
  const m = {l: 58, r: 12, t: 10, b: 36};
  const svg = s('svg', {width: w, height: hgt, viewBox: '0 0 ' + w + ' ' + hgt});
  const x = opt.xcat ? null : scale(xs[0], xs[1], m.l, w - m.r, opt.xlog);
  const y = scale(ys[0], ys[1], hgt - m.b, m.t, opt.ylog);
  const g = s('g', {class: 'axis'});
  g.appendChild(s('line', {x1: m.l, x2: w - m.r, y1: hgt - m.b, y2: hgt - m.b}));
  g.appendChild(s('line', {x1: m.l, x2: m.l, y1: m.t, y2: hgt - m.b}));
  for (const v of y.ticks()) {
    const py = y(v);
    g.appendChild(s('line', {x1: m.l - 4, x2: m.l, y1: py, y2: py}));
    g.appendChild(s('text', {x: m.l - 6, y: py + 3, 'text-anchor': 'end'}, fmt(v, 4)));
  }
  if (x) for (const v of x.ticks()) {
    const px = x(v);
    g.appendChild(s('line', {x1: px, x2: px, y1: hgt - m.b, y2: hgt - m.b + 4}));
    g.appendChild(s('text', {x: px, y: hgt - m.b + 15, 'text-anchor': 'middle'}, fmt(v, 4)));
  }
  g.appendChild(s('text', {x: (m.l + w - m.r) / 2, y: hgt - 4, 'text-anchor': 'middle'}, xl));
  g.appendChild(s('text', {x: 12, y: (m.t + hgt - m.b) / 2, 'text-anchor': 'middle', transform: 'rotate(-90 12 ' + (m.t + hgt - m.b) / 2 + ')'}, yl));
  svg.appendChild(g);
  return {svg: svg, x: x, y: y, m: m, w: w, h: hgt};
}
function dot(p, cx, cy, r, fill, title, shape) {
  const e = shape === 'x'
    ? s('path', {d: 'M' + (cx - r) + ',' + (cy - r) + 'L' + (cx + r) + ',' + (cy + r) + 'M' + (cx - r) + ',' + (cy + r) + 'L' + (cx + r) + ',' + (cy - r), stroke: fill, 'stroke-width': 1.5})
    : s('circle', {cx: cx, cy: cy, r: r, fill: fill, 'fill-opacity': 0.75});
  if (title) e.appendChild(s('title', {}, title));
  p.svg.appendChild(e);
}
// Good scores blue, bad ones orange, by rank among the completed.
function colorFor(values) {
  const sorted = values.filter(v => v !== null).sort((a, b) => a - b);
  return v => {
    if (v === null) return '#b8bec9';
    let r = sorted.length > 1 ? sorted.indexOf(v) / (sorted.length - 1) : 1;
    if (!MAXIMIZE) r = 1 - r;
    const c0 = [230, 120, 30], c1 = [30, 90, 200];
    return 'rgb(' + c0.map((c, i) => Math.round(c + (c1[i] - c) * r)).join(',') + ')';
  };
}
const scored = T.filter(t => t[COLS.value] !== null);
const color = colorFor(scored.map(t => t[COLS.value]));
const topBudget = Math.max(-1, ...T.map(t => t[COLS.rung]));
const lossLike = !MAXIMIZE && scored.length > 0 && scored.every(t => t[COLS.value] > 0)
  && (() => { const [lo, hi] = extent(scored.map(t => t[COLS.value])); return hi / lo > 30; })();
function trialTitle(t) {
  const parts = ['trial ' + t[COLS.num] + ' (' + stateName(t) + ', ' + D.budgets[t[COLS.budget]] + ')'];
  if (t[COLS.value] !== null) parts.push(D.metric + ' = ' + fmt(t[COLS.value]));
  D.params.forEach((p, i) => { const v = t[COLS.params][i]; if (v !== null) parts.push(p.n + ' = ' + (p.t === 'cat' ? p.c[v] : fmt(v))); });
  if (t[COLS.err] >= 0) parts.push(D.errors[t[COLS.err]]);
  return parts.join('\n');
}

// 1. Summary
function summary() {
  const sec = section('summary', 'Summary', null);
  const tb = h('table');
  const row = (k, v) => { const tr = h('tr'); tr.appendChild(h('th', {}, k)); tr.appendChild(h('td', {}, v)); tb.appendChild(tr); };
  row('study', D.name);
  row('estimator', D.estimator);
  row('metric', D.metric + ' (' + D.direction + ', ' + D.folds + '-fold CV)');
  if (D.best) {
    row('best', 'trial ' + D.best.trial + ': ' + D.metric + ' = ' + fmt(D.best.mean) + ' ± ' + fmt(D.best.std) + ' (cross-validated)');
    row('best configuration', D.best.params.map(kv => kv[0] + ' = ' + kv[1]).join(', '));
  } else row('best', 'none yet: no evaluation at the full budget has completed');
  if (D.end && D.end.test !== null) row('test score', D.metric + ' = ' + fmt(D.end.test) + ' on the held-out rows (refit on all training rows)');
  const counts = {};
  for (const t of T) counts[stateName(t)] = (counts[stateName(t)] || 0) + 1;
  row('evaluations', T.length + ' (' + Object.keys(counts).map(k => counts[k] + ' ' + k.toLowerCase()).join(', ') + ')');
  row('stopped because', D.end ? D.end.stop : 'still running (report of ' + D.generated + ')');
  row('wall time', D.end ? secs(D.end.total) : secs(D.wall / 1000) + ' so far');
  row('slot use', D.slots.used + ' of ' + D.slots.count + ' slots busy on average (' + Math.round(100 * D.slots.share) + '% of slot time)');
  if (D.cost) row('Spark cost', secs(D.cost.cpu / 1000) + ' executor CPU, ' + secs(D.cost.run / 1000) + ' executor run time, ' + D.cost.tasks + ' tasks over ' + D.cost.trials + ' evaluations');
  sec.appendChild(tb);
  if (D.cost && D.cost.incomplete > 0) sec.appendChild(h('p', {class: 'note'}, 'Spark dropped listener events while ' + D.cost.incomplete + ' evaluation(s) ran: their Spark cost is a lower bound, not the total.'));
}

// 2. History
function history() {
  const sec = section('history', 'Optimization history', 'Each dot is an evaluation\'s cross-validated score (colour by score), the line the best so far at the full budget; crosses along the bottom are evaluations without a score (pruned, failed, timed out, cancelled). Flat lines late in the study mean it has converged.' + (lossLike ? ' Log scale: the losses span more than a factor of 30.' : ''));
  const grid = h('div', {class: 'grid'});
  sec.appendChild(grid);
  const ys = extent(scored.map(t => t[COLS.value]));
  for (const axis of ['number', 'time']) {
    const xOf = t => axis === 'number' ? t[COLS.num] : (t[COLS.end] === null ? D.wall : t[COLS.end]) / 1000;
    const xs = extent(T.map(xOf));
    const p = plot(520, 260, xs, ys, axis === 'number' ? 'trial number' : 'wall time (s, at the end of each evaluation)', D.metric, {ylog: lossLike});
    let n = 0;
    const ordered = T.slice().sort((a, b) => xOf(a) - xOf(b));
    let best = null, path = '';
    for (const t of ordered) {
      const v = t[COLS.value];
      if (v === null) { dot(p, p.x(xOf(t)), p.h - p.m.b - 6, 3, '#c0392b', trialTitle(t), 'x'); n++; continue; }
      dot(p, p.x(xOf(t)), p.y(v), 3, color(v), trialTitle(t)); n++;
      if (t[COLS.rung] === topBudget && (best === null || better(v, best))) best = v;
      if (best !== null) path += (path ? 'L' : 'M') + p.x(xOf(t)).toFixed(1) + ',' + p.y(best).toFixed(1);
    }
    if (path) p.svg.appendChild(s('path', {d: path, fill: 'none', stroke: '#16325c', 'stroke-width': 1.5}));
    figure(grid, 'history-' + axis, n).appendChild(p.svg);
  }
}

// 3. Parallel coordinates
function parallel() {
  const sec = section('parallel', 'Parallel coordinates', 'One line per evaluation across every param and the score, coloured by score: where the blue lines bunch on an axis is the good region. A line that skips an axis had that conditional param inactive. Show only the best ones with the filter.');
  const ctl = h('div');
  const sel = h('select', {id: 'pc-top'});
  for (const [v, l] of [['0', 'all evaluations'], ['10', 'best 10'], ['50', 'best 50'], ['0.1', 'best 10%']]) sel.appendChild(h('option', {value: v}, l));
  if (T.length > 300) sel.value = '0.1';
  const lab = h('label', {}, 'show: '); lab.appendChild(sel); ctl.appendChild(lab);
  sec.appendChild(ctl);
  const axes = D.params.map((p, i) => ({name: p.n, p: p, get: t => t[COLS.params][i]}));
  axes.push({name: D.metric, get: t => t[COLS.value]});
  const W = Math.max(520, Math.min(1050, 140 * axes.length)), H = 300, top = 18, bottom = H - 34;
  const fig = figure(sec, 'parallel', 0);
  function draw() {
    fig.textContent = '';
    let rows = scored.slice().sort((a, b) => MAXIMIZE ? b[COLS.value] - a[COLS.value] : a[COLS.value] - b[COLS.value]);
    const k = parseFloat(sel.value);
    if (k > 0) rows = rows.slice(0, k < 1 ? Math.max(1, Math.ceil(k * rows.length)) : k);
    const svg = s('svg', {width: W, height: H, viewBox: '0 0 ' + W + ' ' + H});
    const xAt = i => 50 + i * (W - 100) / Math.max(1, axes.length - 1);
    const ys = axes.map(a => {
      if (a.p && a.p.t === 'cat') return v => bottom - (v + 0.5) / a.p.c.length * (bottom - top);
      const [lo, hi] = a.p ? [a.p.lo, a.p.hi] : extent(scored.map(a.get));
      return scale(lo, hi, bottom, top, a.p ? a.p.log : lossLike);
    });
    const lines = s('g', {fill: 'none', 'stroke-width': 1.2, 'stroke-opacity': 0.6});
    for (const t of rows.slice().reverse()) {
      let d = '', pen = false;
      axes.forEach((a, i) => {
        const v = a.get(t);
        if (v === null) { pen = false; return; }
        d += (pen ? 'L' : 'M') + xAt(i).toFixed(1) + ',' + ys[i](v).toFixed(1);
        pen = true;
      });
      const path = s('path', {d: d, stroke: color(t[COLS.value])});
      path.appendChild(s('title', {}, trialTitle(t)));
      lines.appendChild(path);
    }
    svg.appendChild(lines);
    axes.forEach((a, i) => {
      const g = s('g', {class: 'axis'});
      g.appendChild(s('line', {x1: xAt(i), x2: xAt(i), y1: top, y2: bottom}));
      g.appendChild(s('text', {x: xAt(i), y: H - 16, 'text-anchor': 'middle', 'font-weight': 600}, a.name + (a.p && a.p.log ? ' (log)' : '')));
      const ticks = a.p && a.p.t === 'cat' ? a.p.c.map((c, j) => [j, c]) : ys[i].ticks().map(v => [v, fmt(v, 4)]);
      for (const [v, label] of ticks) g.appendChild(s('text', {x: xAt(i) + 4, y: ys[i](v) + 3}, label));
      svg.appendChild(g);
    });
    fig.appendChild(svg);
    fig.setAttribute('data-points', rows.length);
    POINTS.parallel = rows.length;
    status();
  }
  sel.addEventListener('change', draw);
  draw();
}

// 4. Importance and slices
function importance() {
  const sec = section('importance', 'Param importance', 'How much each param separates the best ' + Math.round(D.imp.top * 100) + '% of ' + D.imp.basis + ' from all of them, by PED-ANOVA (Watanabe et al., IJCAI 2023: the Pearson divergence between the two distributions of the param\'s values; what optuna-dashboard uses). Longer bar: that param matters more; tune it first.');
  if (!D.imp.values.length) { sec.appendChild(h('p', {class: 'muted'}, 'Needs at least ' + D.imp.min + ' completed evaluations; there are ' + D.imp.n + '.')); figure(sec, 'importance', 0); }
  else {
    const W = 520, rowH = 22, Hh = 14 + rowH * D.imp.values.length;
    const svg = s('svg', {width: W, height: Hh, viewBox: '0 0 ' + W + ' ' + Hh});
    const max = Math.max(...D.imp.values.map(v => v[1]), 1e-12);
    D.imp.values.forEach(([name, v], i) => {
      svg.appendChild(s('text', {x: 150, y: 14 + i * rowH + 11, 'text-anchor': 'end'}, name));
      const r = s('rect', {x: 156, y: 14 + i * rowH, width: Math.max(1, (W - 230) * v / max), height: rowH - 6, fill: '#3b6fb6'});
      r.appendChild(s('title', {}, name + ': ' + fmt(v, 3)));
      svg.appendChild(r);
      svg.appendChild(s('text', {x: 160 + (W - 230) * v / max, y: 14 + i * rowH + 11}, fmt(v, 3)));
    });
    figure(sec, 'importance', D.imp.values.length).appendChild(svg);
  }
  const sl = section('slices', 'Slices', 'The score against each param, one dot per completed evaluation (log axes for log params): a trend or a narrow good band says where to look; a flat cloud says the param hardly matters here.');
  const grid = h('div', {class: 'grid'});
  sl.appendChild(grid);
  const ys = extent(scored.map(t => t[COLS.value]));
  D.params.forEach((pp, i) => {
    const pts = scored.filter(t => t[COLS.params][i] !== null);
    const cat = pp.t === 'cat';
    const p = plot(340, 220, cat ? [-0.5, pp.c.length - 0.5] : [pp.lo, pp.hi], ys, pp.n + (pp.log ? ' (log)' : ''), D.metric, {xlog: pp.log, ylog: lossLike});
    if (cat) {
      const x = scale(-0.5, pp.c.length - 0.5, p.m.l, p.w - p.m.r, false);
      p.x = x;
      pp.c.forEach((c, j) => p.svg.appendChild(s('text', {x: x(j), y: p.h - p.m.b + 15, 'text-anchor': 'middle'}, c)));
    }
    for (const t of pts) {
      const v = t[COLS.params][i];
      const jitter = cat ? ((t[COLS.num] * 0.618) % 1 - 0.5) * 0.5 : 0;
      dot(p, p.x(v + jitter), p.y(t[COLS.value]), 2.5, color(t[COLS.value]), trialTitle(t));
    }
    figure(grid, 'slice-' + i, pts.length).appendChild(p.svg);
  });
}

// 5. Rungs
function rungs() {
  const R = D.rungs;
  if (!R || R.length < 2) return;
  const sec = section('rungs', 'Schedule: rungs', 'Evaluations per rung (budget), split by what became of them: promoted to the next rung, stopped there, completed at the full budget, or pruned/failed. Successive halving keeps about 1/eta of each rung.');
  const W = 520, bh = 26, Hh = 20 + bh * R.length;
  const svg = s('svg', {width: W, height: Hh + 20, viewBox: '0 0 ' + W + ' ' + (Hh + 20)});
  const max = Math.max(...R.map(r => r.total));
  const colors = {PROMOTED: '#3b6fb6', STOPPED: '#e0a040', COMPLETED: '#2e8b57', PRUNED: '#a0a7b4', FAILED: '#c0392b', TIMEOUT: '#c0392b', CANCELLED: '#c9ced6', RUNNING: '#8fb3e0'};
  let n = 0;
  R.forEach((r, i) => {
    const y = 10 + i * bh;
    svg.appendChild(s('text', {x: 170, y: y + 15, 'text-anchor': 'end'}, 'rung ' + r.rung + ': ' + r.budget));
    let x = 176;
    for (const st of Object.keys(r.by)) {
      const w = (W - 230) * r.by[st] / max;
      const rect = s('rect', {x: x, y: y, width: Math.max(1, w), height: bh - 6, fill: colors[st] || '#777'});
      rect.appendChild(s('title', {}, r.by[st] + ' ' + st.toLowerCase()));
      svg.appendChild(rect);
      x += w;
      n++;
    }
    svg.appendChild(s('text', {x: x + 4, y: y + 15}, r.total));
  });
  let lx = 176;
  for (const st of ['PROMOTED', 'STOPPED', 'COMPLETED', 'PRUNED', 'FAILED']) {
    svg.appendChild(s('rect', {x: lx, y: Hh + 4, width: 10, height: 10, fill: colors[st]}));
    svg.appendChild(s('text', {x: lx + 13, y: Hh + 13}, st.toLowerCase()));
    lx += 75;
  }
  figure(sec, 'rungs', n).appendChild(svg);
}

// 6. Slot timeline
function timeline() {
  const sec = section('timeline', 'Slot timeline', 'Each evaluation as a bar from its start to its end, one row per slot (coloured by score; grey: no score): gaps between bars are idle slots, so a ragged right edge or long gaps mean the cluster waited.');
  const bars = T.map(t => ({t: t, a: t[COLS.start], b: t[COLS.end] === null ? D.wall : t[COLS.end]})).sort((x, y) => x.a - y.a || x.b - y.b);
  const free = [];
  for (const bar of bars) {
    let lane = free.findIndex(e => e <= bar.a);
    if (lane < 0) { lane = free.length; free.push(0); }
    free[lane] = bar.b; bar.lane = lane;
  }
  const lanes = Math.max(1, free.length), rowH = Math.max(3, Math.min(18, 260 / lanes));
  const p = plot(1040, 40 + lanes * rowH + 10, [0, D.wall / 1000], [0, lanes], 'wall time (s)', 'slot', {});
  for (const bar of bars) {
    const y0 = p.m.t + bar.lane * (p.h - p.m.t - p.m.b) / lanes;
    const r = s('rect', {x: p.x(bar.a / 1000), y: y0 + 1, width: Math.max(1, p.x(bar.b / 1000) - p.x(bar.a / 1000)), height: Math.max(1, (p.h - p.m.t - p.m.b) / lanes - 2), fill: color(bar.t[COLS.value])});
    r.appendChild(s('title', {}, trialTitle(bar.t)));
    p.svg.appendChild(r);
  }
  figure(sec, 'timeline', bars.length).appendChild(p.svg);
}

// 7. Spark cost
function cost() {
  const sec = section('cost', 'Spark cost per evaluation', 'Executor CPU time each evaluation took (from its Spark job group) against its score: the good and cheap ones are ' + (MAXIMIZE ? 'top' : 'bottom') + ' left. The table lists the costliest.');
  const withCost = T.filter(t => t[COLS.cost] !== null);
  if (!withCost.length) { sec.appendChild(h('p', {class: 'muted'}, 'No Spark cost was recorded for this study.')); figure(sec, 'cost', 0); return; }
  const pts = withCost.filter(t => t[COLS.value] !== null);
  const p = plot(520, 260, extent(pts.map(t => t[COLS.cost][1] / 1000)), extent(pts.map(t => t[COLS.value])), 'executor CPU seconds', D.metric, {ylog: lossLike});
  for (const t of pts) dot(p, p.x(t[COLS.cost][1] / 1000), p.y(t[COLS.value]), 3, color(t[COLS.value]), trialTitle(t) + '\nCPU ' + fmt(t[COLS.cost][1] / 1000, 1) + ' s');
  figure(sec, 'cost', pts.length).appendChild(p.svg);
  const tb = h('table');
  const hdr = h('tr');
  for (const c of ['trial', 'state', 'budget', D.metric, 'executor CPU', 'run time', 'GC', 'tasks', 'shuffle', 'spill', '']) hdr.appendChild(h('th', {}, c));
  tb.appendChild(hdr);
  for (const t of withCost.slice().sort((a, b) => b[COLS.cost][1] - a[COLS.cost][1]).slice(0, 10)) {
    const c = t[COLS.cost], tr = h('tr');
    for (const v of [t[COLS.num], stateName(t), D.budgets[t[COLS.budget]], fmt(t[COLS.value]), secs(c[1] / 1000), secs(c[2] / 1000), secs(c[3] / 1000), c[0], bytes(c[4]), bytes(c[5]), c[6] ? '' : 'events dropped: a lower bound']) tr.appendChild(h('td', {}, v));
    tb.appendChild(tr);
  }
  sec.appendChild(tb);
}

// Several objectives: the first two against each other, the Pareto front joined by its staircase.
function pareto() {
  const P = D.pareto;
  if (!P) return;
  const sec = section('pareto', 'Pareto front', 'Each completed evaluation by the first two objectives (' + P.x + ', ' + (P.xmax ? 'larger' : 'smaller') + ' is better; ' + P.y + ', ' + (P.ymax ? 'larger' : 'smaller') + ' is better). The front, the evaluations no other beats on both, is joined by a line' + (P.constraints.length ? '; crosses broke a constraint (' + P.constraints.join(', ') + ')' : '') + '.');
  const p = plot(520, 280, extent(P.pts.map(q => q[1])), extent(P.pts.map(q => q[2])), P.x, P.y);
  const front = P.pts.filter(q => q[3] === 1).sort((a, b) => a[1] - b[1]);
  if (front.length > 1) {
    let d = '';
    front.forEach((q, i) => { d += (i ? 'L' : 'M') + p.x(q[1]) + ',' + p.y(q[2]); });
    p.svg.appendChild(s('path', {d: d, fill: 'none', stroke: '#1e5ac8', 'stroke-width': 1.5}));
  }
  for (const q of P.pts) {
    const title = 'trial ' + q[0] + '\n' + P.x + ' ' + fmt(q[1]) + '\n' + P.y + ' ' + fmt(q[2]) + (q[3] ? '\non the front' : '') + (q[4] ? '' : '\nbroke a constraint');
    dot(p, p.x(q[1]), p.y(q[2]), q[3] ? 4 : 3, q[3] ? '#1e5ac8' : q[4] ? '#b8bec9' : '#e6781e', title, q[4] ? null : 'x');
  }
  figure(sec, 'pareto', P.pts.length).appendChild(p.svg);
}

// 8. Failures
function failures() {
  const sec = section('failures', 'Failures', 'Each distinct error, timeout or cancellation with how many evaluations ended with it and which ones.');
  const by = new Map();
  for (const t of T) if (t[COLS.err] >= 0) { const k = t[COLS.err]; if (!by.has(k)) by.set(k, []); by.get(k).push(t[COLS.num]); }
  if (!by.size) { sec.appendChild(h('p', {class: 'muted'}, 'None: no evaluation failed, timed out or was cancelled.')); figure(sec, 'failures', 0); return; }
  const tb = h('table');
  const hdr = h('tr'); for (const c of ['count', 'error', 'trials']) hdr.appendChild(h('th', {}, c)); tb.appendChild(hdr);
  for (const [k, nums] of [...by.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const tr = h('tr');
    tr.appendChild(h('td', {class: 'num'}, nums.length));
    tr.appendChild(h('td', {}, D.errors[k]));
    tr.appendChild(h('td', {}, nums.slice(0, 30).join(', ') + (nums.length > 30 ? ', …' : '')));
    tb.appendChild(tr);
  }
  const f = figure(sec, 'failures', by.size);
  f.appendChild(tb);
}

document.title = 'sparktune report: ' + D.name;
document.getElementById('title').textContent = 'sparktune: ' + D.name;
document.getElementById('subtitle').textContent = (D.end ? 'finished' : 'running') + ' · ' + T.length + ' evaluations · generated ' + D.generated;
for (const part of [summary, history, pareto, parallel, importance, rungs, timeline, cost, failures]) {
  try { part(); } catch (e) { ERRORS.push(part.name + ': ' + e); }
}
status();
