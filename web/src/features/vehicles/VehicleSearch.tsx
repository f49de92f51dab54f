import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { plateSchema, vinSchema } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { vinOfPlate } from './api.ts';

/** Opens a vehicle's file by its plate or its VIN (whichever the text is). */
export function VehicleSearch() {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const describe = useErrorMessage();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /**
   * A query that opens nothing also closes the file shown before: the clerk must not take the
   * last vehicle's file for the one just typed.
   */
  const fail = (why: string) => {
    navigate('/vehicles');
    setProblem(why);
  };

  const open = async ({ query }: { query?: string }) => {
    setProblem(null);
    const text = (query ?? '').trim();
    const vin = vinSchema.safeParse(text);
    if (vin.success) return navigate(`/vehicles/${vin.data}`);
    const plate = plateSchema.safeParse(text);
    if (!plate.success) return fail(t('vehicleFile.badQuery'));
    setBusy(true);
    try {
      navigate(`/vehicles/${await vinOfPlate(plate.data)}`);
    } catch (e) {
      fail(e instanceof ApiError && e.status === 404 ? t('vehicleFile.notFound') : describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="inline" onFinish={open} data-testid="vehicle-search">
      <Form.Item name="query" label={t('vehicleFile.query')}>
        <Input
          placeholder={t('vehicleFile.queryPlaceholder')}
          maxLength={20}
          style={{ width: 280 }}
          autoComplete="off"
          data-testid="vehicle-query"
        />
      </Form.Item>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined aria-hidden />}
          loading={busy}
          data-testid="vehicle-open"
        >
          {t('vehicleFile.search')}
        </Button>
      </Space>
      {problem && <Alert type="warning" showIcon title={problem} className="form-note" />}
    </Form>
  );
}
