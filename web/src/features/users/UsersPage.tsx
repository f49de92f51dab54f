import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { StaffUser } from '#shared/schemas/users.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { KeyboardPopconfirm } from '../../lib/KeyboardPopconfirm.tsx';
import { useErrorToast } from '../../lib/errors.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCounties } from '../network/useNames.ts';
import { useSetActive, useUsers } from './api.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { UserForm } from './UserForm.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'password'; user: StaffUser } | null;

/** Staff of the administrator's city: list, create, edit, deactivate and reset passwords. */
export default function UsersPage() {
  const { t } = useLanguage();
  const clearable = useClearable();
  const { user: me } = useAuth();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const { countyName } = useCounties();
  const [q, setQ] = useState<string>();
  const users = useUsers(q);
  const setActive = useSetActive();
  const [dialog, setDialog] = useState<Dialog>(null);
  // A closed dialog gives the focus back to the button that opened it (lib/useFocusReturn.ts).
  const close = () => setDialog(null);
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  if (!me) return null;

  const toggle = async (u: StaffUser) => {
    try {
      await setActive.mutateAsync({ username: u.username, active: !u.active });
      void message.success(
        t(u.active ? 'users.deactivated' : 'users.reactivated', { username: u.username }),
      );
    } catch (e) {
      toastError(e);
    }
  };

  const place = (u: StaffUser) =>
    u.scope.level === 'outlet'
      ? t('common.withNote', { text: u.outletName ?? '', note: u.scope.code })
      : t('common.labelled', {
          label: t(`users.levels.${u.scope.level}`),
          value: countyName(u.scope.code),
        });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="page-title-row">
        <Typography.Title level={3}>{t('users.title')}</Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setDialog({ kind: 'create' })}
        >
          {t('users.add')}
        </Button>
      </Space>
      <Alert type="info" showIcon title={t('users.hint')} />
      <Card size="small">
        <Input.Search
          allowClear={clearable}
          aria-label={t('users.searchPlaceholder')}
          placeholder={t('users.searchPlaceholder')}
          // A named button: the search icon alone is hidden from screen readers (lib/icons).
          enterButton={t('common.search')}
          onSearch={(value) => setQ(value.trim() || undefined)}
          style={{ width: 280, marginBottom: 12 }}
        />
        <Table<StaffUser>
          data-testid="user-table"
          size="small"
          rowKey="username"
          loading={users.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', width: 160 },
            {
              title: t('users.displayName'),
              dataIndex: 'displayName',
              render: (name: string, u) =>
                u.username === me.username ? `${name} ${t('users.self')}` : name,
            },
            {
              title: t('users.roles'),
              dataIndex: 'roles',
              render: (roles: StaffUser['roles']) =>
                roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
            },
            { title: t('users.place'), key: 'place', render: (_: unknown, u) => place(u) },
            {
              title: t('users.status'),
              dataIndex: 'active',
              render: (active: boolean) =>
                active ? (
                  <Tag color="success">{t('users.active')}</Tag>
                ) : (
                  <Tag color="default">{t('users.inactive')}</Tag>
                ),
            },
            {
              title: t('users.createdAt'),
              dataIndex: 'createdAt',
              render: formatInstant,
              responsive: ['lg'],
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, u) => (
                <Space size={0} wrap>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDialog({ kind: 'edit', user: u })}
                  >
                    {t('users.edit')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDialog({ kind: 'password', user: u })}
                  >
                    {t('users.resetPassword')}
                  </Button>
                  {u.username !== me.username && (
                    <KeyboardPopconfirm
                      title={t(u.active ? 'users.deactivateConfirm' : 'users.reactivateConfirm', {
                        name: u.displayName,
                      })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => toggle(u)}
                    >
                      <Button type="link" size="small" danger={u.active}>
                        {u.active ? t('users.deactivate') : t('users.reactivate')}
                      </Button>
                    </KeyboardPopconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {users.hasNextPage && (
          <Button
            block
            style={{ marginTop: 12 }}
            loading={users.isFetchingNextPage}
            onClick={() => void users.fetchNextPage()}
          >
            {t('users.loadMore')}
          </Button>
        )}
      </Card>
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <UserForm
          user={dialog.kind === 'edit' ? dialog.user : null}
          city={me.scope.code}
          onClose={close}
        />
      )}
      {dialog?.kind === 'password' && (
        <PasswordForm username={dialog.user.username} onClose={close} />
      )}
    </Space>
  );
}
