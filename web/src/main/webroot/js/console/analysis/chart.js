// One chart: Apache ECharts (served from the server's WebJar, no CDN) drawn from plain numbers, with its text
// alternative (a table of the same numbers) beside it. The numbers ECharts holds after drawing are written back to
// the figure's data-chart attribute (from instance.getOption()), so tests read what is drawn, not pixels.
// User text (labels, names) reaches ECharts only as canvas text and as tooltips built from DOM nodes with
// textContent: ECharts puts a string formatter's result into innerHTML, a node it only appends.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';
import { el } from '../../ui.js';

const PALETTE = ['#3b6fb6', '#d9822b', '#2e8b57', '#a23b72', '#6b6b6b', '#8c564b', '#17becf', '#bcbd22'];

export function fmt(v, { percent = false, digits = 3 } = {}) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '–';
  }
  if (percent) {
    return `${(v * 100).toFixed(1)}%`;
  }
  if (Number.isInteger(v)) {
    return v.toLocaleString('en');
  }
  return Number(v).toFixed(digits);
}

/** A tooltip as DOM: a bold first line, then one line per entry; all text through textContent. */
export function tooltipNode(title, lines) {
  const box = el('div', 'chart-tip');
  if (title !== undefined && title !== null) {
    box.append(el('strong', null, String(title)));
  }
  for (const line of lines) {
    box.append(el('div', null, line));
  }
  return box;
}

function baseOption(spec) {
  return {
    animation: false,
    color: PALETTE,
    grid: { left: spec.gridLeft || 56, right: 24, top: 36, bottom: spec.gridBottom || 48, containLabel: true },
    legend: spec.legend === false ? undefined : { top: 0, type: 'scroll' },
    tooltip: { confine: true, renderMode: 'html', className: 'chart-tooltip' },
    aria: { enabled: false },
  };
}

function tableFor(spec) {
  const table = el('table', 'chart-table');
  if (spec.tableCaption) {
    table.append(el('caption', null, spec.tableCaption));
  }
  const head = el('tr');
  const body = el('tbody');
  const { columns, rows } = spec.table;
  for (const c of columns) {
    const th = el('th', null, c);
    th.scope = 'col';
    head.append(th);
  }
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      if (cell instanceof Node) {
        const td = el(i === 0 ? 'th' : 'td');
        td.append(cell);
        tr.append(td);
      } else {
        const td = el(i === 0 ? 'th' : 'td', null, cell);
        if (i === 0) {
          td.scope = 'row';
        }
        tr.append(td);
      }
    });
    body.append(tr);
  }
  const thead = el('thead');
  thead.append(head);
  table.append(thead, body);
  return table;
}

/**
 * spec: { id, title, description, height, option (ECharts option without tooltip formatters' HTML),
 *         table: { columns: [..], rows: [[..]] }, open (show the table at once), onClick(params) }
 * Returns { figure, instance, dispose }.
 */
export function drawChart(parent, spec) {
  const figure = el('figure', 'chart');
  figure.id = spec.id;
  const caption = el('figcaption', 'chart-title', spec.title);
  const canvas = el('div', 'chart-canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${spec.title}. ${spec.description || ''} The numbers are in the table below.`);
  if (spec.height) {
    canvas.classList.add(`h-${spec.height}`);
  }
  const details = el('details', 'chart-data');
  if (spec.open) {
    details.open = true;
  }
  details.append(el('summary', null, `Numbers: ${spec.title}`), tableFor(spec));
  figure.append(caption);
  if (spec.description) {
    figure.append(el('p', 'hint chart-description', spec.description));
  }
  figure.append(canvas, details);
  parent.append(figure);
  const instance = echarts.init(canvas, null, { renderer: 'canvas' });
  const base = baseOption(spec);
  const option = { ...base, ...spec.option, tooltip: { ...base.tooltip, ...(spec.option.tooltip || {}) } };
  instance.setOption(option);
  if (spec.onClick) {
    instance.on('click', spec.onClick);
  }
  const drawn = instance.getOption();
  figure.dataset.chart = JSON.stringify({
    series: (drawn.series || []).map((s) => ({ name: s.name === undefined ? null : s.name, type: s.type, data: s.data })),
    xAxis: (drawn.xAxis || []).map((a) => ({ type: a.type, data: a.data || null })),
    yAxis: (drawn.yAxis || []).map((a) => ({ type: a.type, data: a.data || null })),
  });
  // for browser tests (dispatchAction showTip) and the console: the instance behind this figure
  figure.chartInstance = instance;
  const onResize = () => instance.resize();
  window.addEventListener('resize', onResize);
  return {
    figure,
    instance,
    dispose() {
      window.removeEventListener('resize', onResize);
      instance.dispose();
    },
  };
}

/** Line or bar chart over categories: series = [{ name, values }]. */
export function seriesChart(parent, { id, title, description, categories, series, type = 'line', yName, xName, percent = false,
  stack = false, area = false, height }) {
  const option = {
    xAxis: { type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: yName, min: percent ? 0 : undefined, max: percent ? 1 : undefined },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        return tooltipNode(list.length ? list[0].name : '', list.map((p) => `${p.seriesName}: ${fmt(p.value, { percent })}`));
      },
    },
    series: series.map((s) => ({
      name: s.name,
      type,
      data: s.values,
      stack: stack ? 'all' : undefined,
      areaStyle: area ? {} : undefined,
      showSymbol: categories.length < 60,
      connectNulls: false,
    })),
  };
  if (categories.length > 48) {
    option.dataZoom = [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 4 }];
  }
  const columns = [xName || 'Category', ...series.map((s) => s.name)];
  const rows = categories.map((c, i) => [c, ...series.map((s) => fmt(s.values[i], { percent }))]);
  return drawChart(parent, { id, title, description, height, option, table: { columns, rows }, gridBottom: option.dataZoom ? 64 : 48 });
}

/**
 * Point estimates with intervals, one row per category (names on the y axis): rows = [{ name, value, low, high, note }].
 * Drawn as a dot for the estimate and a bar from low to high.
 */
export function intervalChart(parent, { id, title, description, rows, xName = 'value', min, max, percent = false, height, extraColumns }) {
  const names = rows.map((r) => r.name);
  const option = {
    legend: false,
    grid: { left: 16, right: 32, top: 16, bottom: 40, containLabel: true },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 220, overflow: 'truncate' } },
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 26, min, max, scale: min === undefined },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const r = rows[p.dataIndex];
        const lines = [`${xName}: ${fmt(r.value, { percent })}`,
          r.low === null || r.low === undefined ? 'no interval' : `interval ${fmt(r.low, { percent })} to ${fmt(r.high, { percent })}`];
        if (r.note) {
          lines.push(r.note);
        }
        return tooltipNode(r.name, lines);
      },
    },
    series: [
      {
        name: 'interval',
        type: 'custom',
        renderItem: (params, api) => {
          const low = api.value(0);
          const high = api.value(1);
          if (low === null || high === null || low === undefined || Number.isNaN(low) || Number.isNaN(high)) {
            return null;
          }
          const y = api.value(2);
          const a = api.coord([low, y]);
          const b = api.coord([high, y]);
          const h = 6;
          const style = { stroke: PALETTE[0], lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
              { type: 'line', shape: { x1: a[0], y1: a[1] - h, x2: a[0], y2: a[1] + h }, style },
              { type: 'line', shape: { x1: b[0], y1: b[1] - h, x2: b[0], y2: b[1] + h }, style },
            ],
          };
        },
        encode: { x: [0, 1], y: 2 },
        data: rows.map((r, i) => [r.low ?? null, r.high ?? null, i]),
        z: 1,
      },
      {
        name: 'estimate',
        type: 'scatter',
        symbolSize: 11,
        data: rows.map((r, i) => [r.value ?? null, i]),
        itemStyle: { color: PALETTE[1] },
        z: 2,
      },
    ],
  };
  const columns = ['Row', xName, 'low', 'high', ...(extraColumns ? extraColumns.names : [])];
  const tableRows = rows.map((r) => [r.name, fmt(r.value, { percent }), fmt(r.low, { percent }), fmt(r.high, { percent }),
    ...(extraColumns ? extraColumns.values(r) : [])]);
  return drawChart(parent, { id, title, description, height: height || (rows.length > 8 ? 'tall' : undefined), option,
    table: { columns, rows: tableRows } });
}

/** Scatter of named points: points = [{ name, x, y, group }]. */
export function scatterChart(parent, { id, title, description, points, xName, yName, percentY = false }) {
  const groups = [...new Set(points.map((p) => p.group))];
  const option = {
    xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: yName, scale: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const pt = p.data.point;
        return tooltipNode(pt.name, [`${xName}: ${fmt(pt.x)}`, `${yName}: ${fmt(pt.y, { percent: percentY })}`]);
      },
    },
    series: groups.map((g) => ({
      name: g,
      type: 'scatter',
      symbolSize: 13,
      data: points.filter((p) => p.group === g).map((p) => ({ value: [p.x, p.y], point: p })),
    })),
  };
  const rows = points.map((p) => [p.name, p.group, fmt(p.x), fmt(p.y, { percent: percentY })]);
  return drawChart(parent, { id, title, description, option, table: { columns: ['Point', 'Group', xName, yName], rows } });
}

/**
 * Heatmap: rows x cols names, values[r][c] in [0, 1] or null; cellText(r, c) for the table and tooltip lines,
 * onCell(r, c) on click (the table's cells are buttons doing the same, for the keyboard).
 */
export function heatmapChart(parent, { id, title, description, rowNames, colNames, values, cellLines, onCell, tableValue, min = 0, max = 1 }) {
  const data = [];
  values.forEach((row, r) => row.forEach((v, c) => {
    if (v !== null && v !== undefined) {
      data.push([c, r, v]);
    }
  }));
  const option = {
    legend: false,
    grid: { left: 16, right: 24, top: 16, bottom: 70, containLabel: true },
    xAxis: { type: 'category', data: colNames, axisLabel: { rotate: 60, width: 110, overflow: 'truncate', interval: 0 } },
    yAxis: { type: 'category', data: rowNames, inverse: true, axisLabel: { width: 140, overflow: 'truncate', interval: 0 } },
    visualMap: { min, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
      inRange: { color: ['#b2182b', '#f7f7f7', '#2166ac'] }, text: [fmt(max, { percent: true }), fmt(min, { percent: true })] },
    tooltip: {
      trigger: 'item',
      formatter: (p) => tooltipNode(`${rowNames[p.data[1]]} × ${colNames[p.data[0]]}`, cellLines(p.data[1], p.data[0])),
    },
    series: [{ name: 'agreement', type: 'heatmap', data, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }],
  };
  const table = {
    columns: ['', ...colNames],
    rows: rowNames.map((name, r) => [name, ...colNames.map((_, c) => {
      const v = values[r][c];
      if (!onCell) {
        return tableValue ? tableValue(r, c) : fmt(v, { percent: true });
      }
      if (v === null || v === undefined) {
        return '–';
      }
      const b = el('button', 'cell-button', fmt(v, { percent: true }));
      b.type = 'button';
      b.setAttribute('aria-label', `${name} and ${colNames[c]}: ${cellLines(r, c).join(', ')}`);
      b.addEventListener('click', () => onCell(r, c));
      return b;
    })]),
  };
  return drawChart(parent, { id, title, description, height: rowNames.length > 8 ? 'square' : undefined, option, table,
    onClick: onCell ? (p) => onCell(p.data[1], p.data[0]) : undefined });
}
