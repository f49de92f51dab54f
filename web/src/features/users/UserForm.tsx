import { App, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import type { CheckboxGroupProps } from 'antd/es/checkbox';
import {
  MIN_PASSWORD_LENGTH,
  ROLE_SCOPE_LEVELS,
  SCOPE_LEVELS,
  STAFF_ROLES,
  type ScopeLevel,
  type StaffRole,
  type StaffUser,
} from '#shared/schemas/users.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import { useErrorToast } from '../../lib/errors.ts';
import { useFocusReturn } from '../../lib/useFocusReturn.ts';
import { useCounties } from '../network/useNames.ts';
import { useCreateUser, useUpdateUser } from './api.ts';
import { OutletSelect } from './OutletSelect.tsx';
import { showFieldErrors } from './serverErrors.ts';
import { PasswordInput } from '../../lib/PasswordInput.tsx';

interface Values {
  username: string;
  displayName: string;
  roles: StaffRole[];
  scope: { level: ScopeLevel; code: string };
  password: string;
  confirm: string;
}

const FIELDS = ['username', 'displayName', 'roles', 'scope.level', 'scope.code', 'password'];

/** The scope levels every chosen role may work at (a clerk at an outlet, an admin in the city). */
const levelsFor = (roles: StaffRole[] = []) =>
  SCOPE_LEVELS.filter((level) => roles.every((r) => ROLE_SCOPE_LEVELS[r].includes(level)));

/** Creates a user (with a first password) or edits one (name, roles, where it works). */
export function UserForm({
  user,
  city,
  onClose,
}: {
  /** The user to edit; none to create one. */
  user: StaffUser | null;
  /** The administrator's city: the one city a user can be placed in. */
  city: string;
  onClose: () => void;
}) {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const toastError = useErrorToast();
  const { counties, countyName } = useCounties();
  const [form] = Form.useForm<Values>();
  useFocusReturn();
  const create = useCreateUser();
  const update = useUpdateUser();
  const roles = Form.useWatch('roles', form);
  const level = Form.useWatch(['scope', 'level'], form);
  const allowed = levelsFor(roles);

  // Keep the level one the roles allow, and the place one of that level.
  const onValuesChange = (changed: Partial<Values>) => {
    const current = form.getFieldValue(['scope', 'level']) as ScopeLevel | undefined;
    if (changed.roles) {
      const levels = levelsFor(changed.roles);
      if (!current || !levels.includes(current)) {
        // No level fits every role: none is chosen, and the roles field says why.
        if (levels[0]) setLevel(levels[0]);
        else form.setFieldValue('scope', { level: undefined, code: undefined });
      }
    } else if (changed.scope?.level) setLevel(changed.scope.level);
  };
  const setLevel = (next: ScopeLevel) =>
    form.setFieldValue('scope', { level: next, code: next === 'city' ? city : undefined });

  const submit = async () => {
    // A form with errors shows them at its fields; nothing more to do.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { displayName: v.displayName.trim(), roles: v.roles, scope: v.scope };
    try {
      if (user) {
        await update.mutateAsync({ username: user.username, body });
        void message.success(t('users.updated'));
      } else {
        await create.mutateAsync({ ...body, username: v.username.trim(), password: v.password });
        void message.success(t('users.created', { username: v.username.trim() }));
      }
      onClose();
    } catch (e) {
      if (!user && e instanceof ApiError && e.status === 409) {
        form.setFields([{ name: 'username', errors: [t('users.usernameTaken')] }]);
      } else if (!showFieldErrors(form, e, FIELDS)) toastError(e);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { username: user.username }) : t('users.createTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="user"
        onValuesChange={onValuesChange}
        initialValues={
          user
            ? { displayName: user.displayName, roles: user.roles, scope: user.scope }
            : { roles: ['clerk'], scope: { level: 'outlet' } }
        }
      >
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[
              { required: true, whitespace: true, message: t('users.usernameRequired') },
              { pattern: /^\s*[a-z][a-z0-9._-]{2,63}\s*$/, message: t('users.usernameHint') },
            ]}
          >
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.roles')}
          extra={t('users.roleLevelHint')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('users.rolesRequired') },
            {
              validator: (_, value: StaffRole[] | undefined) =>
                !value?.length || levelsFor(value).length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.rolesConflict'))),
            },
          ]}
        >
          <RoleChecks options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {allowed.length > 0 && (
          <Form.Item
            name={['scope', 'level']}
            label={t('users.scopeLevel')}
            rules={[{ required: true, message: t('users.scopeLevelRequired') }]}
          >
            <Radio.Group
              options={allowed.map((l) => ({ value: l, label: t(`users.levels.${l}`) }))}
            />
          </Form.Item>
        )}
        {allowed.length > 0 && (
          <Form.Item
            name={['scope', 'code']}
            label={t(`users.places.${level ?? 'outlet'}`)}
            rules={[{ required: true, message: t('users.placeRequired') }]}
          >
            {level === 'county' ? (
              <Select<string>
                options={counties.map((c) => ({ value: c.code, label: countyName(c.code) }))}
              />
            ) : level === 'city' ? (
              <Select<string> options={[{ value: city, label: countyName(city) }]} />
            ) : (
              <OutletSelect currentName={user?.outletName} />
            )}
          </Form.Item>
        )}
        {!user && (
          <>
            <Form.Item
              name="password"
              label={t('users.password')}
              extra={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              rules={[
                { required: true, message: t('users.passwordRequired') },
                {
                  min: MIN_PASSWORD_LENGTH,
                  message: t('users.passwordHint', { min: MIN_PASSWORD_LENGTH }),
                },
              ]}
            >
              <PasswordInput autoComplete="new-password" maxLength={256} />
            </Form.Item>
            <ConfirmPassword />
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The roles as checkboxes. ARIA gives a group of checkboxes no required state (axe: a critical
 * `aria-allowed-attr`), so the one the form item adds is left off: the label's mark says it.
 */
function RoleChecks({
  'aria-required': _required,
  ...props
}: CheckboxGroupProps<StaffRole> & { 'aria-required'?: string }) {
  return <Checkbox.Group {...props} />;
}

/** The password typed a second time; must match the field `password`. */
export function ConfirmPassword() {
  const { t } = useLanguage();
  return (
    <Form.Item
      name="confirm"
      label={t('users.confirmPassword')}
      dependencies={['password']}
      rules={[
        { required: true, message: t('users.passwordRequired') },
        ({ getFieldValue }) => ({
          validator: (_, value) =>
            !value || value === getFieldValue('password')
              ? Promise.resolve()
              : Promise.reject(new Error(t('users.passwordMismatch'))),
        }),
      ]}
    >
      <PasswordInput autoComplete="new-password" maxLength={256} />
    </Form.Item>
  );
}
