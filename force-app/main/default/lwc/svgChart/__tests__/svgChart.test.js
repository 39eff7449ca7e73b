import { createElement } from '@lwc/engine-dom';
import SvgChart from 'c/svgChart';

const HOFSTEDE = {
  caption: 'Hofstede dimensions (0–100)',
  categories: ['Power Distance', 'Individualism', 'Indulgence'],
  series: [
    { label: 'Denmark', values: [18, 74, 70] },
    { label: 'Japan', values: [54, null, 42] },
  ],
  min: 0,
  max: 100,
};

const TREND = {
  type: 'line',
  caption: 'Average scores over the last periods (1–5)',
  categories: ['2026-Q1', '2026-Q2', '2026-Q3'],
  series: [{ label: 'Average Given', values: [3.5, 3.6, 3.8] }],
  min: 1,
  max: 5,
};

describe('c-svg-chart', () => {
  afterEach(() => {
    // The jsdom instance is shared across test cases in a single file so reset the DOM
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  // Helper function to wait until the microtask queue is empty.
  async function flushPromises() {
    return Promise.resolve();
  }

  function renderChart(props) {
    const element = createElement('c-svg-chart', { is: SvgChart });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));

  it('names the SVG by its caption', () => {
    const element = renderChart(HOFSTEDE);
    const svg = element.shadowRoot.querySelector('svg');
    const caption = element.shadowRoot.querySelector('figcaption');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe(caption.id);
    expect(caption.textContent).toBe('Hofstede dimensions (0–100)');
  });

  it('draws one bar per value, as long as its share of the scale, from the inline start', () => {
    const element = renderChart(HOFSTEDE);
    const bars = $$(element, 'rect.bar');
    expect(bars).toHaveLength(6);
    // The plot is 374 units wide and starts at x = 170
    expect(bars[0].getAttribute('x')).toBe('170');
    expect(Number(bars[0].getAttribute('width'))).toBeCloseTo(374 * 0.18);
    expect(Number(bars[2].getAttribute('width'))).toBeCloseTo(374 * 0.74);
    // A missing value draws nothing and says so
    expect(bars[3].getAttribute('width')).toBe('0');
    expect(bars[3].querySelector('title').textContent).toBe('Japan: c.Glocal_Chart_No_Value');
    expect($$(element, '.category-label').map((label) => label.getAttribute('text-anchor'))).toEqual([
      'end',
      'end',
      'end',
    ]);
  });

  it('carries the same numbers in a data table', () => {
    const element = renderChart(HOFSTEDE);
    const table = element.shadowRoot.querySelector('table');
    expect($$(element, 'thead th').map((th) => th.textContent)).toEqual(['Denmark', 'Japan']);
    const rows = $$(element, 'tbody tr').map((row) => Array.from(row.children).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Power Distance', '18', '54'],
      ['Individualism', '74', 'c.Glocal_Chart_No_Value'],
      ['Indulgence', '70', '42'],
    ]);
    // Present for screen readers even before it is shown
    expect(table.className).toContain('slds-assistive-text');
  });

  it('shows and hides the table on screen with an expanded state', async () => {
    const element = renderChart(HOFSTEDE);
    const button = element.shadowRoot.querySelector('button.toggle-table');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.textContent.trim()).toBe('c.Glocal_Chart_Show_Table');
    button.click();
    await flushPromises();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent.trim()).toBe('c.Glocal_Chart_Hide_Table');
    expect(element.shadowRoot.querySelector('table').className).toContain('slds-table');
  });

  it('draws a line with one point per period', () => {
    const element = renderChart(TREND);
    const points = $$(element, 'circle.point');
    expect(points).toHaveLength(3);
    // Periods spread evenly from x = 48 to x = 576, the scale from y = 200 (1) to y = 16 (5)
    expect(points.map((point) => Number(point.getAttribute('cx')))).toEqual([48, 312, 576]);
    expect(Number(points[0].getAttribute('cy'))).toBeCloseTo(200 - (2.5 / 4) * 184);
    expect(element.shadowRoot.querySelector('polyline').getAttribute('points').split(' ')).toHaveLength(3);
    expect($$(element, 'text.axis-label').map((text) => text.textContent.trim())).toEqual(
      expect.arrayContaining(['1', '2', '3', '4', '5', '2026-Q1', '2026-Q3'])
    );
  });

  it('is accessible as a bar chart with its table shown', async () => {
    const element = renderChart(HOFSTEDE);
    element.shadowRoot.querySelector('button.toggle-table').click();
    await flushPromises();
    await expect(element).toBeAccessible();
  });

  it('is accessible as a line chart', async () => {
    const element = renderChart(TREND);
    await expect(element).toBeAccessible();
  });
});
