import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';

export interface Period {
  from: string;
  to: string;
}

/** The last 30 days up to yesterday (Beijing): what the daily job has already read. */
export function defaultPeriod(): Period {
  const yesterday = dayjs(todayInBeijing()).subtract(1, 'day');
  return {
    from: yesterday.subtract(29, 'day').format('YYYY-MM-DD'),
    to: yesterday.format('YYYY-MM-DD'),
  };
}

interface Values {
  from: Dayjs;
  to: Dayjs;
}

/** Two labelled date fields; a change is reported once both make a period (from ≤ to). */
export function PeriodForm({
  value,
  onChange,
  idPrefix,
}: {
  value: Period;
  onChange: (p: Period) => void;
  idPrefix: string;
}) {
  const { t } = useLanguage();
  return (
    <Form<Values>
      name={idPrefix}
      layout="inline"
      initialValues={{ from: dayjs(value.from), to: dayjs(value.to) }}
      onValuesChange={(_, all) => {
        if (!all.from || !all.to) return;
        const p = { from: all.from.format('YYYY-MM-DD'), to: all.to.format('YYYY-MM-DD') };
        if (p.from <= p.to) onChange(p);
      }}
    >
      <Form.Item name="from" label={t('supervision.periodFrom')}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="to" label={t('supervision.periodTo')}>
        <DatePicker allowClear={false} />
      </Form.Item>
    </Form>
  );
}
