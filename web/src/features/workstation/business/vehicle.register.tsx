import { Form, Row } from 'antd';
import { OFFICE_CATEGORIES } from '#shared/catalog.ts';
import {
  useNatureSchema,
  vehicleTypeSchema,
  type ApplicationResponse,
} from '#shared/schemas/applications.ts';
import { eventDataSchemas } from '#shared/schemas/events.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PlateNumberPicker } from '../PlateNumberPicker.tsx';
import { text, type BusinessForm, type EventForm } from './definition.ts';
import {
  DateField,
  day,
  flag,
  NumberField,
  SelectField,
  SwitchField,
  TextField,
  useOptional,
} from './fields.tsx';

const EVENTS = eventDataSchemas['vehicle.register'];

/** The vehicle's papers, the inspection, and the number (or the lane, at an office). */
function RegisterFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  const { user } = useAuth();
  const vehicleType = Form.useWatch<string | undefined>(['data', 'vehicleType']);
  const lane = Form.useWatch<boolean | undefined>(['data', 'lane']);
  // Only an office's registration hall runs the lane (the server refuses it elsewhere too).
  const office = !!user?.outletCategory && OFFICE_CATEGORIES.includes(user.outletCategory);
  return (
    <>
      <Row gutter={16}>
        <TextField name="vin" label={t('workstation.vin')} required maxLength={17} />
        <TextField name="invoiceNo" label={t('vehicleBusiness.invoiceNo')} required />
        <TextField name="brand" label={t('vehicleBusiness.brand')} required />
        <TextField name="model" label={t('vehicleBusiness.model')} required />
        <SelectField
          name="vehicleType"
          label={t('vehicleBusiness.vehicleType')}
          required
          options={vehicleTypeSchema.options.map((v) => ({
            value: v,
            label: t(`vehicle.types.${v}`),
          }))}
        />
        <SelectField
          name="useNature"
          label={t('vehicleBusiness.useNature')}
          required
          options={useNatureSchema.options.map((v) => ({
            value: v,
            label: t(`vehicle.natures.${v}`),
          }))}
        />
        <NumberField name="seats" label={t('vehicleBusiness.seats')} required />
        <DateField name="manufacturedOn" label={t('vehicleBusiness.manufacturedOn')} required />
        <DateField
          name="insuranceValidUntil"
          label={t('workstation.insuranceValidUntil')}
          required
        />
        <TextField
          name="inspectionReportNo"
          label={optional(t('vehicleBusiness.inspectionReportNo'))}
          extra={t('vehicleBusiness.inspectionReportHint')}
        />
        <SwitchField name="imported" label={t('vehicleBusiness.imported')} />
        <SwitchField
          name="preRegistrationAccident"
          label={t('vehicleBusiness.preRegistrationAccident')}
        />
        {office && (
          <SwitchField
            name="lane"
            label={t('vehicleBusiness.lane')}
            extra={t('vehicleBusiness.laneHint')}
            wide
          />
        )}
      </Row>
      {/* In the lane the number is chosen at its own desk. */}
      {!lane && <PlateNumberPicker vehicleType={vehicleType} />}
    </>
  );
}

/** The checker reads the VIN off the vehicle (R164 §15(三)). */
function VehicleCheckFields() {
  const { t } = useLanguage();
  const optional = useOptional();
  return (
    <Row gutter={16}>
      <TextField
        name="vin"
        label={t('vehicleBusiness.vinOnVehicle')}
        extra={t('vehicleBusiness.vinOnVehicleHint')}
        required
        maxLength={17}
        wide
      />
      <TextField
        name="note"
        label={optional(t('vehicleBusiness.checkNote'))}
        maxLength={200}
        wide
      />
    </Row>
  );
}

/** The number desk: candidates of the vehicle's plate layout, a composed number, or a draw. */
function NumberFields({ application }: { application: ApplicationResponse }) {
  const vehicleType = (application.result as { vehicleType?: string } | undefined)?.vehicleType;
  return <PlateNumberPicker vehicleType={vehicleType} />;
}

const vehicleChecked: EventForm = {
  Fields: VehicleCheckFields,
  schema: EVENTS['vehicle-checked'],
  toData: (values) => ({ vin: text(values.vin), note: text(values.note) }),
  fieldPaths: ['vin', 'note'],
};

const numberSelected: EventForm = {
  Fields: NumberFields,
  schema: EVENTS['number-selected'],
  toData: (values) => ({ plate: text(values.plate) }),
  fieldPaths: ['plate'],
};

/** 注册登记, with number selection; at an office also through the lane (通道式上牌). */
export const register: BusinessForm<'vehicle.register'> = {
  type: 'vehicle.register',
  Fields: RegisterFields,
  initialValues: { vehicleType: 'small-car', useNature: 'non-operating', seats: 5 },
  toData: (values) => ({
    vin: text(values.vin),
    brand: text(values.brand),
    model: text(values.model),
    vehicleType: values.vehicleType as 'small-car',
    useNature: values.useNature as 'non-operating',
    seats: typeof values.seats === 'number' ? values.seats : undefined,
    manufacturedOn: day(values.manufacturedOn),
    insuranceValidUntil: day(values.insuranceValidUntil),
    invoiceNo: text(values.invoiceNo),
    inspectionReportNo: text(values.inspectionReportNo),
    imported: flag(values.imported),
    preRegistrationAccident: flag(values.preRegistrationAccident),
    lane: flag(values.lane),
    plate: values.lane ? undefined : text(values.plate),
  }),
  fieldPaths: [
    'vin',
    'brand',
    'model',
    'vehicleType',
    'useNature',
    'seats',
    'manufacturedOn',
    'insuranceValidUntil',
    'invoiceNo',
    'inspectionReportNo',
    'plate',
  ],
  events: { 'vehicle-checked': vehicleChecked, 'number-selected': numberSelected },
};
