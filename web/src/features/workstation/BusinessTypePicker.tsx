import { Card, Col, Row, Tag, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import type { BusinessTypeItem } from '../applications/api.ts';

/** The implemented business types as cards, each with its service time and legal basis. */
export function BusinessTypePicker({
  types,
  value,
  onChange,
}: {
  types: BusinessTypeItem[];
  value: string | null;
  onChange: (code: string) => void;
}) {
  const { t, businessTypeName } = useLanguage();
  return (
    <Row gutter={[16, 16]}>
      {types.map((type) => (
        <Col key={type.code} xs={24} md={12}>
          <Card
            size="small"
            hoverable
            className={type.code === value ? 'type-card type-card-selected' : 'type-card'}
            onClick={() => onChange(type.code)}
            data-testid={`type-${type.code}`}
          >
            <Typography.Text strong>{businessTypeName(type.code)}</Typography.Text>
            <div className="type-card-meta">
              <Tag color="blue">
                {type.slaWorkingDays > 0
                  ? t('workstation.sla', { count: type.slaWorkingDays })
                  : t('workstation.slaImmediate')}
              </Tag>
              <Tag>
                {type.agentAllowed
                  ? t('workstation.agentAllowed')
                  : t('workstation.agentNotAllowed')}
              </Tag>
            </div>
            <Typography.Text type="secondary">
              {t('workstation.legalBasis', { basis: type.legalBasis })}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
