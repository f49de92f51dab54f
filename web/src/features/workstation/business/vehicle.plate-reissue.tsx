import { Form, Input } from 'antd';
import { eventDataSchemas } from '#shared/schemas/events.ts';
import { useLanguage } from '../../../i18n/index.ts';
import { text, type EventForm } from './definition.ts';
import { plateBusiness } from './plate.ts';

const EVENTS = eventDataSchemas['vehicle.plate-reissue'];

/** The batch the new plate was made in, if the plate works gave one. */
function PlateProducedFields() {
  const { t } = useLanguage();
  return (
    <Form.Item
      name={['data', 'batchNo']}
      label={`${t('lifecycle.batchNo')} (${t('common.optional')})`}
    >
      <Input maxLength={64} autoComplete="off" data-testid="data-batchNo" />
    </Form.Item>
  );
}

/** Who collects the plate: the applicant in person or their agent (R164 §51). */
function HandOverFields() {
  const { t } = useLanguage();
  return (
    <Form.Item
      name={['data', 'collectorIdNumber']}
      label={t('lifecycle.collectorIdNumber')}
      extra={t('lifecycle.collectorHint')}
      required
    >
      <Input maxLength={18} autoComplete="off" data-testid="data-collectorIdNumber" />
    </Form.Item>
  );
}

const plateProduced: EventForm = {
  Fields: PlateProducedFields,
  schema: EVENTS['plate-produced'],
  toData: (values) => ({ batchNo: text(values.batchNo) }),
  fieldPaths: ['batchNo'],
};

const plateHandedOver: EventForm = {
  Fields: HandOverFields,
  schema: EVENTS['plate-handed-over'],
  toData: (values) => ({ collectorIdNumber: text(values.collectorIdNumber) }),
  fieldPaths: ['collectorIdNumber'],
};

/** 补领机动车号牌: the plate, then the plate made and handed over (shared/src/lifecycles.ts). */
export const plateReissue = {
  ...plateBusiness('vehicle.plate-reissue'),
  events: { 'plate-produced': plateProduced, 'plate-handed-over': plateHandedOver },
};
