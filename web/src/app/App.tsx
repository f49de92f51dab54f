import { LoadingOutlined } from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useLanguage } from '../i18n/index.ts';
import { ANTD_LOCALES } from './antdLocale.ts';
import { homeOf } from '../features/auth/api.ts';
import { AuthProvider, useAuth } from '../features/auth/AuthContext.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { AppLayout } from '../features/layout/AppLayout.tsx';
import { RequireAuth } from '../features/layout/RequireAuth.tsx';
import { page } from './pages.ts';
import { theme } from './theme.ts';

const NetworkPage = page('network');
const AgreementsPage = page('agreements');
const DelegationPage = page('delegation');
const PoliciesPage = page('policies');
const WorkstationPage = page('workstation');
const ApplicationPage = page('application');
const SupervisionPage = page('supervision');
const PublicDrawPage = page('publicDraw');
const VerifyPage = page('verify');
const UsersPage = page('users');
const DriverFilePage = page('driverFile');
const HospitalPage = page('hospital');
const ExamSitePage = page('examSite');
const ExamSessionsPage = page('examSessions');
const VehicleFilePage = page('vehicleFile');
const LanePage = page('lane');
const CitizenRegisterPage = page('citizenRegister');
const CitizenHomePage = page('citizenHome');
const InspectionPage = page('inspections');
const AntifraudPage = page('antifraud');
const FindingPage = page('finding');
const CasePage = page('case');
const ServiceQualityPage = page('service');

function Home() {
  const { user, restoring } = useAuth();
  if (restoring) return <Spin size="large" className="page-spin" />;
  return <Navigate to={user ? homeOf(user) : '/login'} replace />;
}

function AppRoutes() {
  return (
    <Suspense fallback={<Spin size="large" className="page-spin" />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/verify/:token?" element={<VerifyPage />} />
        <Route path="/spot-checks/:id" element={<PublicDrawPage />} />
        <Route path="/citizen/register" element={<CitizenRegisterPage />} />
        <Route
          path="/citizen"
          element={
            <RequireAuth roles={['citizen']}>
              <CitizenHomePage />
            </RequireAuth>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route path="/admin" element={<RequireAuth roles={['admin', 'supervisor']} />}>
            <Route path="network" element={<NetworkPage />} />
            <Route path="agreements" element={<AgreementsPage />} />
            <Route path="delegation" element={<DelegationPage />} />
            <Route path="policies" element={<PoliciesPage />} />
            <Route
              path="users"
              element={
                <RequireAuth roles={['admin']}>
                  <UsersPage />
                </RequireAuth>
              }
            />
          </Route>
          <Route
            path="/workstation"
            element={
              <RequireAuth roles={['clerk']}>
                <WorkstationPage />
              </RequireAuth>
            }
          />
          <Route
            path="/supervision"
            element={
              <RequireAuth roles={['supervisor']}>
                <SupervisionPage />
              </RequireAuth>
            }
          />
          <Route path="/antifraud" element={<RequireAuth roles={['supervisor']} />}>
            <Route index element={<AntifraudPage />} />
            <Route path="findings/:id" element={<FindingPage />} />
            <Route path="cases/:id" element={<CasePage />} />
          </Route>
          <Route path="/applications/:id" element={<ApplicationPage />} />
          <Route element={<RequireAuth roles={['clerk', 'admin', 'supervisor']} />}>
            <Route path="/drivers" element={<DriverFilePage />} />
            <Route path="/drivers/:idNumber" element={<DriverFilePage />} />
            <Route path="/exam-sessions" element={<ExamSessionsPage />} />
            <Route path="/service" element={<ServiceQualityPage />} />
          </Route>
          <Route element={<RequireAuth roles={['clerk']} />}>
            <Route path="/hospital" element={<HospitalPage />} />
            <Route path="/exam-site" element={<ExamSitePage />} />
          </Route>
          <Route path="/vehicles/:vin?" element={<VehicleFilePage />} />
          <Route
            path="/lane"
            element={
              <RequireAuth roles={['clerk', 'supervisor', 'admin']}>
                <LanePage />
              </RequireAuth>
            }
          />
          <Route
            path="/inspections"
            element={
              <RequireAuth roles={['clerk']}>
                <InspectionPage />
              </RequireAuth>
            }
          />
        </Route>
        <Route path="*" element={<Home />} />
      </Routes>
    </Suspense>
  );
}

/** Providers that follow the language (antd locale) and the session. */
export function App() {
  const { language } = useLanguage();
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      theme={theme}
      // A busy button's spinner would otherwise name itself "loading" inside the button's own
      // label (the button already says what it does, and antd marks it busy).
      button={{ autoInsertSpace: false, loadingIcon: <LoadingOutlined aria-hidden spin /> }}
    >
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
