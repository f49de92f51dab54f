import { Alert, Button, Form, Row, Space } from 'antd';
import { useLanguage } from '../../../i18n/index.ts';
import type { Vehicle } from '../api.ts';
import { PlateLookup } from '../PlateLookup.tsx';
import { text, type BusinessForm } from './definition.ts';
import { DateField, day, flag, SwitchField, TextField, useOptional } from './fields.tsx';
import {
  MortgageeRepresentativeFields,
  mortgageeRepresentative,
  REPRESENTATIVE_PATHS,
} from './mortgagee.tsx';

/** A mortgaged vehicle: the mortgagee co-applies and the mortgage moves with it (R164 §26). */
function MortgageeCoApplies({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useLanguage();
  const form = Form.useFormInstance();
  if (!vehicle.mortgage) return null;
  const { mortgageeOrgCode, contractNo } = vehicle.mortgage;
  return (
    <Alert
      type="info"
      showIcon
      className="form-note"
      data-testid="mortgage-note"
      title={
        // The mortgagee is told only to the offices (and the mortgagee's own bank); elsewhere its
        // representative gives its code.
        mortgageeOrgCode
          ? t('vehicleBusiness.mortgaged', { code: mortgageeOrgCode, contract: contractNo ?? '' })
          : t('vehicleBusiness.mortgagedWithheld')
      }
      action={
        <Button
          size="small"
          onClick={() =>
            // The mortgagee's code on file where told, and its representative's fields to record.
            form.setFields([
              ...(mortgageeOrgCode
                ? [{ name: ['data', 'mortgageeOrgCode'], value: mortgageeOrgCode, errors: [] }]
                : []),
              { name: ['data', 'withRepresentative'], value: true },
            ])
          }
          data-testid="mortgagee-co-applies"
        >
          {t('vehicleBusiness.coApply')}
        </Button>
      }
    />
  );
}

/** The vehicle by plate, the sale invoice, the mortgagee where mortgaged, an expired inspection. */
function TransferFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PlateLookup>{(vehicle) => <MortgageeCoApplies vehicle={vehicle} />}</PlateLookup>
      <Row gutter={16}>
        <TextField name="invoiceNo" label={t('vehicleBusiness.transferInvoiceNo')} required />
        <TextField
          name="mortgageeOrgCode"
          label={optional(t('vehicleBusiness.mortgageeOrgCode'))}
          extra={t('vehicleBusiness.mortgageeHint')}
          maxLength={18}
        />
        <MortgageeRepresentativeFields />
        <TextField
          name="inspectionReportNo"
          label={optional(t('vehicleBusiness.inspectionReportNo'))}
          extra={t('vehicleBusiness.expiredInspectionHint')}
        />
        <DateField
          name="insuranceValidUntil"
          label={optional(t('workstation.insuranceValidUntil'))}
        />
        <SwitchField name="keepOldNumber" label={t('vehicleBusiness.keepOldNumber')} />
      </Row>
    </Space>
  );
}

/** 转让登记: the applicant is the new owner (R164 §§25–30). */
export const transfer: BusinessForm<'vehicle.transfer'> = {
  type: 'vehicle.transfer',
  Fields: TransferFields,
  toData: (values) => ({
    plate: text(values.plate),
    invoiceNo: text(values.invoiceNo),
    mortgageeOrgCode: text(values.mortgageeOrgCode),
    mortgageeRepresentative: mortgageeRepresentative(values),
    inspectionReportNo: text(values.inspectionReportNo),
    insuranceValidUntil: day(values.insuranceValidUntil),
    keepOldNumber: flag(values.keepOldNumber),
  }),
  fieldPaths: [
    'plate',
    'invoiceNo',
    'mortgageeOrgCode',
    ...REPRESENTATIVE_PATHS,
    'inspectionReportNo',
    'insuranceValidUntil',
    'keepOldNumber',
  ],
};
