import { ReloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { usePlateCandidates } from './api.ts';

/**
 * Number selection (R164 §43, `data.plate`): candidates drawn by the platform for the vehicle's
 * plate layout, a number the owner composes, or nothing, for the platform to draw one itself.
 * Choosing a candidate puts it in the field, where it may still be changed.
 */
export function PlateNumberPicker({ vehicleType }: { vehicleType: string | undefined }) {
  const { t } = useLanguage();
  const form = Form.useFormInstance();
  const chosen: unknown = Form.useWatch(['data', 'plate'], form);
  const [draw, setDraw] = useState(0);
  const candidates = usePlateCandidates(vehicleType, draw);
  const items = candidates.data?.items ?? [];
  return (
    <>
      <Form.Item
        name={['data', 'plate']}
        label={t('vehicleBusiness.plateNumber')}
        extra={t('vehicleBusiness.plateNumberHint')}
      >
        <Input
          maxLength={10}
          style={{ width: 200 }}
          autoComplete="off"
          placeholder={t('workstation.platePlaceholder')}
          data-testid="data-plate"
        />
      </Form.Item>
      <Form.Item>
        <Space wrap align="center">
          <Button
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => setDraw((n) => n + 1)}
            disabled={!vehicleType}
            loading={candidates.isFetching}
            data-testid="draw-candidates"
          >
            {t('vehicleBusiness.drawCandidates')}
          </Button>
          {items.length > 0 && (
            <Radio.Group
              aria-label={t('vehicleBusiness.candidates')}
              optionType="button"
              value={items.includes(String(chosen)) ? chosen : undefined}
              // The chosen number replaces what was typed, and the error about it.
              onChange={(e) =>
                form.setFields([{ name: ['data', 'plate'], value: e.target.value, errors: [] }])
              }
              options={items.map((p) => ({ value: p, label: p }))}
              data-testid="plate-candidates"
            />
          )}
        </Space>
      </Form.Item>
    </>
  );
}
