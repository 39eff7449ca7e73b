// As an Arabic user: the chart mirrors (bars grow from the right, time runs right to left),
// numbers use Arabic digits and the table button speaks Arabic.
import { createElement } from '@lwc/engine-dom';
import { loadAsUser } from '../../../../../test/l10n/glocalLocale';

const { SvgChart } = loadAsUser('ar', () => ({ SvgChart: require('c/svgChart').default }));

describe('c-svg-chart for an ar user', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  function renderChart(props) {
    const element = createElement('c-svg-chart', { is: SvgChart });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
  }

  it('grows bars from the right and labels them on the right', () => {
    const element = renderChart({
      caption: 'أبعاد هوفستيد (0–100)',
      categories: ['مسافة السلطة'],
      series: [{ label: 'الدرجة', values: [50] }],
      min: 0,
      max: 100,
    });
    const bar = element.shadowRoot.querySelector('rect.bar');
    // 600 wide, 170 reserved for labels on the right: the bar ends at x = 430
    expect(Number(bar.getAttribute('x')) + Number(bar.getAttribute('width'))).toBeCloseTo(430);
    expect(Number(bar.getAttribute('width'))).toBeCloseTo(187);
    expect(element.shadowRoot.querySelector('.category-label').getAttribute('text-anchor')).toBe('start');
    expect(element.shadowRoot.querySelector('.value-label').textContent.trim()).toBe('٥٠');
    expect(element.shadowRoot.querySelector('button.toggle-table').textContent.trim()).toBe('العرض كجدول');
  });

  it('runs time from right to left', () => {
    const element = renderChart({
      type: 'line',
      caption: 'متوسط الدرجات في الفترات الأخيرة (1–5)',
      categories: ['2026-Q1', '2026-Q2'],
      series: [{ label: 'المتوسط', values: [3.5, 4] }],
      min: 1,
      max: 5,
    });
    const points = Array.from(element.shadowRoot.querySelectorAll('circle.point'));
    expect(points.map((point) => Number(point.getAttribute('cx')))).toEqual([552, 24]);
  });

  it('is accessible right to left', async () => {
    const element = renderChart({
      caption: 'أبعاد هوفستيد (0–100)',
      categories: ['مسافة السلطة', 'الفردية'],
      series: [{ label: 'الدرجة', values: [95, 25] }],
      min: 0,
      max: 100,
    });
    await expect(element).toBeAccessible();
  });
});
