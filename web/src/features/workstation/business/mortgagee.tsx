import { Form } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type DataValues } from './definition.ts';
import { SwitchField, TextField } from './fields.tsx';

/**
 * The mortgagee's representative attending at the window (R164 §§26, 31–33), recorded with the
 * code of the mortgagee it stands for: the code alone is not the mortgagee applying.
 */
export function MortgageeRepresentativeFields() {
  const { t } = useLanguage();
  const present = Form.useWatch<boolean | undefined>(['data', 'withRepresentative']);
  return (
    <>
      <SwitchField name="withRepresentative" label={t('vehicleBusiness.representative')} wide />
      {present && (
        <>
          <TextField
            name={['mortgageeRepresentative', 'idNumber']}
            label={t('vehicleBusiness.representativeIdNumber')}
            required
            maxLength={18}
          />
          <TextField
            name={['mortgageeRepresentative', 'name']}
            label={t('vehicleBusiness.representativeName')}
            required
          />
        </>
      )}
    </>
  );
}

/** The representative as the schema checks it (a blank is reported as missing there), if present. */
export function mortgageeRepresentative(values: DataValues) {
  if (!values.withRepresentative) return undefined;
  const person = (values.mortgageeRepresentative ?? {}) as Record<string, unknown>;
  return { idNumber: text(person.idNumber), name: text(person.name) } as {
    idNumber: string;
    name: string;
  };
}

export const REPRESENTATIVE_PATHS = [
  'mortgageeRepresentative.idNumber',
  'mortgageeRepresentative.name',
] as const;
