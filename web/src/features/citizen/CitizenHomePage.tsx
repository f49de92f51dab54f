import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Rate,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { cloneElement, useState, type ReactElement } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { formatPlate, plateSchema } from '#shared/validators/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorMessage } from '../../lib/errors.ts';
import { keepFocusNear } from '../../lib/focusSuccessor.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { CitizenShell, Outcome } from './CitizenShell.tsx';
import { useSchemaCheck } from './validation.ts';
import { ViolationsCard } from './ViolationsCard.tsx';
import { useRefusalReasons } from '../applications/refusalReasons.ts';
import {
  bindVehicle,
  book,
  cancelAppointment,
  fetchBookableOutlets,
  fetchCitizenMe,
  fetchSlots,
  rate,
  submitOnline,
  unbindVehicle,
  type CitizenMe,
} from './api.ts';

/** Business a citizen may book a window for (the common ones; the server knows them all). */
const BOOKABLE = ['licence.renew', 'licence.reissue', 'vehicle.transfer', 'vehicle.plate-reissue'];

/** Tomorrow in Beijing, 'YYYY-MM-DD' (the first day a slot can be booked). */
const tomorrow = () => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

function LicenceCard({ me }: { me: CitizenMe }) {
  const { t } = useLanguage();
  const l = me.licence;
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.licence')}</h2>}>
      {l ? (
        <dl className="citizen-facts">
          <dt>{t('citizen.licenceStatus')}</dt>
          <dd>{t(`driver.licence.statuses.${l.status}`)}</dd>
          <dt>{t('citizen.validUntil')}</dt>
          <dd>{l.validUntil ?? t('driver.result.longTerm')}</dd>
          <dt>{t('citizen.points')}</dt>
          <dd data-testid="cycle-points">{l.cycle.points}</dd>
          <dt>{t('citizen.cycle')}</dt>
          <dd>
            {l.cycle.start} – {l.cycle.end}
          </dd>
        </dl>
      ) : (
        <Typography.Text type="secondary">{t('citizen.noLicence')}</Typography.Text>
      )}
    </Card>
  );
}

function VehiclesCard({ me, refresh }: { me: CitizenMe; refresh: () => void }) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [plate, setPlate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { check } = useSchemaCheck();
  const onError = (e: unknown) => void message.error(describe(e));
  const bind = useMutation({
    mutationFn: () => bindVehicle(plate.trim()),
    onSuccess: () => {
      setPlate('');
      void message.success(t('citizen.bound'));
      refresh();
    },
    // The server's word on the plate itself goes under the field, anything else in a toast.
    onError: (e) => {
      const detail = e instanceof ApiError && e.status === 400 ? e.details[0] : undefined;
      if (detail) setProblem(detail.message);
      else onError(e);
    },
  });
  const submitBinding = () => {
    const wrong = check(plateSchema, plate.trim(), 'plate');
    setProblem(wrong);
    if (!wrong) bind.mutate();
  };
  const unbind = useMutation({ mutationFn: unbindVehicle, onSuccess: refresh, onError });
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.vehicles')}</h2>}>
      {me.vehicles.length ? (
        <List
          dataSource={me.vehicles}
          renderItem={(v) => (
            <List.Item
              actions={
                v.own
                  ? []
                  : [
                      <Button
                        key="unbind"
                        size="small"
                        aria-label={t('citizen.unbindPlate', { plate: formatPlate(v.plate) })}
                        onClick={(e) => {
                          // The row goes with the binding: the focus stays in the list.
                          keepFocusNear(e.currentTarget);
                          unbind.mutate(v.plate);
                        }}
                      >
                        {t('citizen.unbind')}
                      </Button>,
                    ]
              }
            >
              <Space>
                <span>{formatPlate(v.plate)}</span>
                <Tag color={v.own ? 'blue' : 'default'}>
                  {v.own ? t('citizen.own') : t('citizen.others')}
                </Tag>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('citizen.noVehicles')}</Typography.Text>
      )}
      <Space.Compact block className="citizen-row">
        <Input
          aria-label={t('citizen.plate')}
          placeholder={t('citizen.plate')}
          value={plate}
          status={problem ? 'error' : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'bind-plate-problem' : undefined}
          onChange={(e) => {
            setPlate(e.target.value);
            setProblem(null);
          }}
          onPressEnter={submitBinding}
        />
        <Button onClick={submitBinding} loading={bind.isPending} disabled={!plate.trim()}>
          {t('citizen.bind')}
        </Button>
      </Space.Compact>
      {problem && (
        <Typography.Text type="danger" id="bind-plate-problem" role="alert">
          {problem}
        </Typography.Text>
      )}
    </Card>
  );
}

function BusinessCard({ me, refresh }: { me: CitizenMe; refresh: () => void }) {
  const { t } = useLanguage();
  const reasons = useRefusalReasons();
  const describe = useErrorMessage();
  const [plate, setPlate] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = useMutation({
    mutationFn: () =>
      submitOnline({
        businessType: 'vehicle.licence-reissue',
        applicant: { idNumber: me.person.idNumber, name: me.person.name },
        data: { plate },
      }),
    onSuccess: (app) => {
      const refused = app.status === 'refused';
      const items = app.refusal?.items ?? [];
      setOutcome({
        ok: !refused,
        text: refused
          ? t('citizen.refusedBecause', { reasons: reasons(items) })
          : t('citizen.submittedAs', { status: t(`application.statuses.${app.status}`) }),
      });
      refresh();
    },
    onError: (e) => setOutcome({ ok: false, text: describe(e) }),
  });
  const own = me.vehicles.filter((v) => v.own);
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.business')}</h2>}>
      <Typography.Paragraph type="secondary">{t('citizen.businessHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('citizen.chooseVehicle')} htmlFor="business-plate">
          <Select
            id="business-plate"
            value={plate}
            onChange={setPlate}
            options={own.map((v) => ({ value: v.plate, label: formatPlate(v.plate) }))}
          />
        </Form.Item>
        <Button
          type="primary"
          block
          disabled={!plate}
          loading={submit.isPending}
          onClick={() => submit.mutate()}
        >
          {t('citizen.submitBusiness')}
        </Button>
      </Form>
      {outcome && <Outcome {...outcome} />}
    </Card>
  );
}

/** The holder's appointments still to come, each with its cancel button. */
function UpcomingAppointments({ me, refresh }: { me: CitizenMe; refresh: () => void }) {
  const { t, businessTypeName } = useLanguage();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: cancelAppointment,
    onSuccess: () => {
      void message.success(t('citizen.appointmentCancelled'));
      // The cancelled place is free again.
      void queryClient.invalidateQueries({ queryKey: ['citizen-slots'] });
      refresh();
    },
    onError: (e) => void message.error(describe(e)),
  });
  if (!me.appointments.length) return null;
  return (
    <List
      className="citizen-row"
      header={t('citizen.myAppointments')}
      dataSource={me.appointments}
      rowKey="id"
      renderItem={(a) => (
        <List.Item
          actions={[
            <Button
              key="cancel"
              size="small"
              aria-label={t('citizen.cancelAppointmentOf', { date: a.date, slot: a.slot })}
              loading={cancel.isPending && cancel.variables === a.id}
              onClick={(e) => {
                // The appointment leaves the list: the focus stays in it.
                keepFocusNear(e.currentTarget);
                cancel.mutate(a.id);
              }}
            >
              {t('citizen.cancelAppointment')}
            </Button>,
          ]}
        >
          <Space wrap>
            <strong>{businessTypeName(a.businessType)}</strong>
            <span>
              {a.date} {a.slot}
            </span>
            <Typography.Text type="secondary">{a.outletName}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function AppointmentCard({ me, refresh }: { me: CitizenMe; refresh: () => void }) {
  const { t, businessTypeName } = useLanguage();
  const describe = useErrorMessage();
  const [outletCode, setOutletCode] = useState<string | undefined>();
  const [date, setDate] = useState(tomorrow());
  const [businessType, setBusinessType] = useState(BOOKABLE[0]!);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<{ outletCode: string; date: string } | null>(null);
  // Where the chosen business can be booked: a citizen picks an outlet by name, never by code.
  const outlets = useQuery({
    queryKey: ['citizen-outlets', businessType],
    queryFn: () => fetchBookableOutlets(businessType),
  });
  const slots = useQuery({
    queryKey: ['citizen-slots', asked],
    queryFn: () => fetchSlots(asked!.outletCode, asked!.date),
    enabled: asked !== null,
  });
  const booking = useMutation({
    mutationFn: (slot: string) => book({ outletCode: outletCode!, businessType, date, slot }),
    onSuccess: (a) => {
      setResult({ ok: true, text: t('citizen.booked', { date: a.date, slot: a.slot }) });
      void queryClient.invalidateQueries({ queryKey: ['citizen-slots'] });
      refresh();
    },
    onError: (e) => setResult({ ok: false, text: describe(e) }),
  });
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.appointment')}</h2>}>
      <Form layout="vertical">
        <Form.Item label={t('citizen.businessType')} htmlFor="appointment-type">
          <Select
            id="appointment-type"
            value={businessType}
            onChange={(type) => {
              setBusinessType(type);
              // An outlet that takes one business may not take another.
              setOutletCode(undefined);
              setAsked(null);
            }}
            options={BOOKABLE.map((code) => ({ value: code, label: businessTypeName(code) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('citizen.outlet')}
          htmlFor="appointment-outlet"
          validateStatus={outlets.error ? 'error' : undefined}
          help={
            outlets.error
              ? describe(outlets.error)
              : outlets.data && !outlets.data.items.length
                ? t('citizen.noOutlets')
                : undefined
          }
        >
          <Select
            id="appointment-outlet"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('citizen.chooseOutlet')}
            loading={outlets.isLoading}
            value={outletCode}
            onChange={(code) => {
              setOutletCode(code);
              setAsked(null);
            }}
            options={(outlets.data?.items ?? []).map((o) => ({
              value: o.code,
              label: o.address ? t('common.withNote', { text: o.name, note: o.address }) : o.name,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('citizen.date')} htmlFor="appointment-date">
          <Input
            id="appointment-date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </Form.Item>
        <Button
          block
          onClick={() => outletCode && setAsked({ outletCode, date })}
          disabled={!outletCode}
          loading={slots.isLoading}
        >
          {t('citizen.loadSlots')}
        </Button>
      </Form>
      {slots.error && <Alert className="citizen-row" type="error" title={describe(slots.error)} />}
      {slots.data && (
        <div className="citizen-slots citizen-row">
          {slots.data.items.length ? (
            slots.data.items.map((s) => (
              <Button
                key={s.slot}
                disabled={s.left === 0}
                aria-label={t('citizen.book', { slot: s.slot })}
                onClick={() => booking.mutate(s.slot)}
              >
                {t('citizen.slotLeft', { slot: s.slot, left: s.left })}
              </Button>
            ))
          ) : (
            <Typography.Text type="secondary">{t('citizen.noSlots')}</Typography.Text>
          )}
        </div>
      )}
      {result && <Outcome {...result} />}
      <UpcomingAppointments me={me} refresh={refresh} />
    </Card>
  );
}

/**
 * antd draws each star as a radio named only by its icon, whose English name ("star") the icons
 * no longer announce (lib/icons): the radio gets its own name, "4 分（共 5 分）".
 */
function namedStar(star: ReactElement, label: string) {
  const radio = (star as ReactElement<{ children: ReactElement<{ 'aria-label'?: string }> }>).props
    .children;
  return cloneElement(star, undefined, cloneElement(radio, { 'aria-label': label }));
}

function RateControl({ id }: { id: string }) {
  const { t } = useLanguage();
  const describe = useErrorMessage();
  const [score, setScore] = useState(5);
  const rating = useMutation({ mutationFn: () => rate(id, score) });
  if (rating.isSuccess) {
    return (
      <Typography.Text strong role="status">
        {t('citizen.rated')}
      </Typography.Text>
    );
  }
  return (
    <Space wrap>
      <Rate
        value={score}
        onChange={setScore}
        aria-label={t('citizen.score')}
        characterRender={(star, { index = 0 }) =>
          namedStar(star, t('citizen.scoreOf', { count: index + 1 }))
        }
      />
      <Button size="small" onClick={() => rating.mutate()} loading={rating.isPending}>
        {t('citizen.submitRating')}
      </Button>
      {rating.error && <Typography.Text type="danger">{describe(rating.error)}</Typography.Text>}
    </Space>
  );
}

function ProgressCard({ me }: { me: CitizenMe }) {
  const { t, language, businessTypeName, stageName, legalBasis } = useLanguage();
  return (
    <Card title={<h2 className="citizen-card-title">{t('citizen.progress')}</h2>}>
      {me.applications.length ? (
        <List
          dataSource={me.applications}
          // Keyed by application: a rating being chosen stays with its application when the
          // list is read again and a new one comes in at the top.
          rowKey="id"
          renderItem={(a) => (
            <List.Item>
              <Space orientation="vertical" size={4}>
                <Space wrap>
                  <strong>{businessTypeName(a.businessType)}</strong>
                  <Tag>{t(`application.statuses.${a.status}`)}</Tag>
                  {a.stage && <Tag color="processing">{stageName(a.businessType, a.stage)}</Tag>}
                  {a.dueDate && (
                    <Typography.Text type="secondary">
                      {t('citizen.dueDate', { date: a.dueDate })}
                    </Typography.Text>
                  )}
                </Space>
                {a.onsite && (
                  <Alert
                    type="warning"
                    showIcon
                    data-testid="onsite-advice"
                    message={t('citizen.onsite')}
                    description={t('common.withNote', {
                      text: language === 'en' ? a.onsite.adviceEn : a.onsite.advice,
                      note: legalBasis(a.onsite.legalBasis),
                    })}
                  />
                )}
                {a.status !== 'accepted' && !a.onsite && <RateControl id={a.id} />}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty description={t('citizen.noApplications')} />
      )}
    </Card>
  );
}

/** The citizen's own page (mobile first): licence and points, vehicles, business, booking, progress. */
export default function CitizenHomePage() {
  const { t } = useLanguage();
  const { logout } = useAuth();
  const queryClient = useQueryClient();
  usePageTitle(t('citizen.me'));
  const me = useQuery({ queryKey: ['citizen-me'], queryFn: fetchCitizenMe });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['citizen-me'] });
  return (
    <CitizenShell
      actions={
        <Button size="small" onClick={logout}>
          {t('common.logout')}
        </Button>
      }
    >
      {me.data ? (
        <>
          <Typography.Paragraph>
            {me.data.person.name} · {me.data.person.phone}
          </Typography.Paragraph>
          <LicenceCard me={me.data} />
          <VehiclesCard me={me.data} refresh={refresh} />
          <ViolationsCard me={me.data} refresh={refresh} />
          <BusinessCard me={me.data} refresh={refresh} />
          <AppointmentCard me={me.data} refresh={refresh} />
          <ProgressCard me={me.data} />
        </>
      ) : (
        <Typography.Text>{t('common.loading')}</Typography.Text>
      )}
    </CitizenShell>
  );
}
