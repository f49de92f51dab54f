import { Alert, Card, Result, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { useDraw } from './api.ts';
import { DrawDetails } from './DrawDetails.tsx';

/** Public page of a spot-check draw (no login): everything needed to redo it offline. */
export default function PublicDrawPage() {
  const { id = '' } = useParams();
  const { t } = useLanguage();
  usePageTitle(t('supervision.publicDraw.title'));
  const draw = useDraw(id);
  let body;
  if (draw.isLoading) body = <Skeleton active />;
  else if (!draw.data) body = <Result status="404" title={t('supervision.publicDraw.notFound')} />;
  else {
    body = (
      <>
        {draw.data.status !== 'complete' && (
          <Alert
            type="info"
            showIcon
            title={t('supervision.publicDraw.pending')}
            style={{ marginBottom: 16 }}
          />
        )}
        <DrawDetails draw={draw.data} />
        <Typography.Paragraph style={{ marginTop: 16 }}>
          {t('supervision.publicDraw.howTo')}
        </Typography.Paragraph>
      </>
    );
  }
  return (
    <main className="verify-page public-draw-page">
      <div className="verify-top">
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('supervision.publicDraw.title')}
        </Typography.Title>
        <LanguageSwitch />
      </div>
      <Card className="public-draw" data-testid="public-draw">
        {body}
      </Card>
    </main>
  );
}
