import { Col, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useLanguage } from '../../../i18n/index.ts';
import { enterOnlyConfirms } from '../../../lib/enterOnlyConfirms.ts';

/**
 * The inputs the business forms are made of, each a Form.Item named ['data', field] with its
 * label (tied to the input by antd's id `data_<field>`) and a test id `data-<field>`, so that
 * every form is labelled, keyboard-operable and found the same way by the browser tests.
 */
interface FieldProps {
  /** The field under `data`; a path for a nested one, e.g. ['mortgageeRepresentative', 'name']. */
  name: string | string[];
  label: string;
  required?: boolean;
  extra?: ReactNode;
  /** Half the row on wide screens (the default), or the whole row. */
  wide?: boolean;
}

/** The label of an optional field: "label (选填)". */
export function useOptional() {
  const { t } = useLanguage();
  return (label: string) => `${label} (${t('common.optional')})`;
}

const pathOf = (name: string | string[]) => ['data', ...[name].flat()];
const testIdOf = (name: string | string[]) => `data-${[name].flat().join('-')}`;

function Cell({ wide, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <Col xs={24} md={wide ? 24 : 12}>
      {children}
    </Col>
  );
}

export function TextField({
  name,
  label,
  required,
  extra,
  wide,
  maxLength = 64,
}: FieldProps & {
  maxLength?: number;
}) {
  return (
    <Cell wide={wide}>
      <Form.Item name={pathOf(name)} label={label} required={required} extra={extra}>
        <Input maxLength={maxLength} autoComplete="off" data-testid={testIdOf(name)} />
      </Form.Item>
    </Cell>
  );
}

export function NumberField({ name, label, required, extra, wide }: FieldProps) {
  return (
    <Cell wide={wide}>
      <Form.Item name={pathOf(name)} label={label} required={required} extra={extra}>
        <InputNumber precision={0} style={{ width: '100%' }} data-testid={testIdOf(name)} />
      </Form.Item>
    </Cell>
  );
}

export function DateField({ name, label, required, extra, wide }: FieldProps) {
  return (
    <Cell wide={wide}>
      <Form.Item name={pathOf(name)} label={label} required={required} extra={extra}>
        <DatePicker
          style={{ width: '100%' }}
          data-testid={testIdOf(name)}
          onKeyDown={enterOnlyConfirms}
        />
      </Form.Item>
    </Cell>
  );
}

export function SelectField({
  name,
  label,
  required,
  extra,
  wide,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <Cell wide={wide}>
      <Form.Item name={pathOf(name)} label={label} required={required} extra={extra}>
        <Select options={options} data-testid={testIdOf(name)} />
      </Form.Item>
    </Cell>
  );
}

export function SwitchField({ name, label, extra, wide }: Omit<FieldProps, 'required'>) {
  return (
    <Cell wide={wide}>
      <Form.Item name={pathOf(name)} label={label} extra={extra} valuePropName="checked">
        <Switch data-testid={testIdOf(name)} />
      </Form.Item>
    </Cell>
  );
}

/** A date picked in a form, as the schemas want it ('YYYY-MM-DD'), or undefined. */
export const day = (value: unknown) =>
  value && typeof (value as Dayjs).format === 'function'
    ? (value as Dayjs).format('YYYY-MM-DD')
    : undefined;

/** A switch's value as data: true, or left out. */
export const flag = (value: unknown) => (value === true ? true : undefined);
