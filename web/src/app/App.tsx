import { LoadingOutlined } from '@ant-design/icons';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useLanguage } from '../i18n/index.ts';
import { homeOf } from '../features/auth/api.ts';
import { AuthProvider, useAuth } from '../features/auth/AuthContext.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { AppLayout } from '../features/layout/AppLayout.tsx';
import { RequireAuth } from '../features/layout/RequireAuth.tsx';
import { theme } from './theme.ts';

const NetworkPage = lazy(() => import('../features/network/NetworkPage.tsx'));
const AgreementsPage = lazy(() => import('../features/agreements/AgreementsPage.tsx'));
const DelegationPage = lazy(() => import('../features/delegation/DelegationPage.tsx'));
const PoliciesPage = lazy(() => import('../features/policies/PoliciesPage.tsx'));
const WorkstationPage = lazy(() => import('../features/workstation/WorkstationPage.tsx'));
const ApplicationPage = lazy(() => import('../features/applications/ApplicationPage.tsx'));
const SupervisionPage = lazy(() => import('../features/supervision/SupervisionPage.tsx'));
const PublicDrawPage = lazy(() => import('../features/supervision/PublicDrawPage.tsx'));
const VerifyPage = lazy(() => import('../features/verify/VerifyPage.tsx'));
const UsersPage = lazy(() => import('../features/users/UsersPage.tsx'));
const DriverFilePage = lazy(() => import('../features/drivers/DriverFilePage.tsx'));
const HospitalPage = lazy(() => import('../features/drivers/HospitalPage.tsx'));
const ExamSitePage = lazy(() => import('../features/drivers/ExamSitePage.tsx'));
const ExamSessionsPage = lazy(() => import('../features/drivers/ExamSessionsPage.tsx'));
const VehicleFilePage = lazy(() => import('../features/vehicles/VehicleFilePage.tsx'));
const LanePage = lazy(() => import('../features/lane/LanePage.tsx'));
const CitizenRegisterPage = lazy(() => import('../features/citizen/CitizenRegisterPage.tsx'));
const CitizenHomePage = lazy(() => import('../features/citizen/CitizenHomePage.tsx'));
const InspectionPage = lazy(() => import('../features/inspections/InspectionPage.tsx'));
const AntifraudPage = lazy(() => import('../features/antifraud/AntifraudPage.tsx'));
const FindingPage = lazy(() => import('../features/antifraud/FindingPage.tsx'));
const CasePage = lazy(() => import('../features/antifraud/CasePage.tsx'));
const ServiceQualityPage = lazy(() => import('../features/service/ServiceQualityPage.tsx'));

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
      locale={language === 'en' ? enUS : zhCN}
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
