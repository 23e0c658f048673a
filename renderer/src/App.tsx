import { AppShell, Badge, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { CampaignsPage } from './features/campaigns/CampaignsPage';
import { api } from './lib/api';
import { useStore } from './store';
import { RefusalNotices } from './features/shell/RefusalNotices';
import { fmt } from './lib/format';

/** Replies change in bursts while a campaign's customers answer: refetch at most this often. */
const REPLIES_REFRESH_MS = 1000;
let repliesTimer: ReturnType<typeof setTimeout> | undefined;
function refreshReplies(): void {
  if (repliesTimer) return;
  repliesTimer = setTimeout(() => {
    repliesTimer = undefined;
    const s = useStore.getState();
    if (s.view.page !== 'replies') return void s.loadUnreadReplies();
    // The open thread first: reading it marks its new replies read, which the count and list then show.
    void s.refreshThread().then(() => {
      void s.loadUnreadReplies();
      void s.refreshReplies();
    });
  }, REPLIES_REFRESH_MS);
}

// The campaigns list is the first screen; the other pages load when first opened, so the
// first paint downloads only what it shows.
const CampaignPage = lazy(() =>
  import('./features/campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);
const SuppressionPage = lazy(() =>
  import('./features/suppression/SuppressionPage').then((m) => ({ default: m.SuppressionPage })),
);

const CustomersPage = lazy(() =>
  import('./features/customers/CustomersPage').then((m) => ({ default: m.CustomersPage })),
);

const StudioPage = lazy(() =>
  import('./features/studio/StudioPage').then((m) => ({ default: m.StudioPage })),
);

const RepliesPage = lazy(() =>
  import('./features/replies/RepliesPage').then((m) => ({ default: m.RepliesPage })),
);

const pageLoading = (
  <Center py="xl">
    <Loader size="sm" aria-label="Loading" />
  </Center>
);

export function App() {
  const view = useStore((s) => s.view);
  const navigate = useStore((s) => s.navigate);
  const loaded = useStore((s) => s.campaignsLoaded);
  const unread = useStore((s) => s.unreadReplies);

  useEffect(() => {
    const { loadCampaigns, loadSettings } = useStore.getState();
    void loadCampaigns();
    void loadSettings();
    void useStore.getState().loadUnreadReplies();
    // Both shells: the count follows new replies; the desktop shell also notifies (electron/main).
    const offReplies = api.subscribe('replies.new', ({ unread }) =>
      useStore.setState({ unreadReplies: unread }),
    );
    // A reply's desktop notification was clicked: Replies, on that customer's conversation.
    const offOpen = api.subscribe('replies.open', ({ phone }) => {
      const s = useStore.getState();
      s.navigate({ page: 'replies' });
      if (phone) void s.openReplyThread(phone);
    });
    // SQLite is the truth: when the core says a table changed, refetch what depends on it.
    const offChanged = api.subscribe('db.changed', ({ tables, campaignId }) => {
      const s = useStore.getState();
      if (tables.includes('campaigns') || tables.includes('recipients')) {
        void s.loadCampaigns();
        if (s.current && (campaignId === undefined || campaignId === s.current.id))
          void s.loadCampaign(s.current.id);
      }
      if (tables.includes('accounts')) void s.loadSettings();
      if (tables.includes('template_drafts') && s.view.page === 'studio') void s.loadStudioDrafts();
      if (tables.includes('suppression') && s.view.page === 'suppression') void s.loadSuppression();
      if (tables.includes('customers') && s.view.page === 'customers') {
        void s.openBook();
        void s.loadSegments();
      }
      if (tables.includes('replies')) refreshReplies();
    });
    return () => {
      offReplies();
      offOpen();
      offChanged();
    };
  }, []);

  return (
    <AppShell
      data-app-state={loaded ? 'loaded' : 'loading'}
      navbar={{ width: 220, breakpoint: 0 }}
      header={{ height: 56 }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="xs">
          <Title order={3}>Campaign Desk</Title>
          <Text c="dimmed" size="sm">
            WhatsApp campaigns for your customers
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        <NavLink
          component="button"
          label="Campaigns"
          active={view.page === 'campaigns' || view.page === 'campaign'}
          onClick={() => navigate({ page: 'campaigns' })}
        />
        <NavLink
          component="button"
          label="Customers"
          active={view.page === 'customers'}
          onClick={() => navigate({ page: 'customers' })}
        />
        <NavLink
          component="button"
          label="Replies"
          active={view.page === 'replies'}
          onClick={() => navigate({ page: 'replies' })}
          data-testid="nav-replies"
          rightSection={
            unread > 0 ? (
              <Badge
                size="sm"
                color="blue"
                data-testid="unread-replies"
                aria-label={`${unread} unread replies`}
              >
                {fmt().count(unread)}
              </Badge>
            ) : null
          }
        />
        <NavLink
          component="button"
          label="Template studio"
          active={view.page === 'studio'}
          onClick={() => navigate({ page: 'studio' })}
        />
        <NavLink
          component="button"
          label="Opt-outs"
          active={view.page === 'suppression'}
          onClick={() => navigate({ page: 'suppression' })}
        />
        <NavLink
          component="button"
          label="Settings"
          active={view.page === 'settings'}
          onClick={() => navigate({ page: 'settings' })}
        />
      </AppShell.Navbar>
      <RefusalNotices />
      <AppShell.Main>
        <Suspense fallback={pageLoading}>
          {view.page === 'campaigns' && <CampaignsPage />}
          {view.page === 'campaign' && <CampaignPage id={view.id} />}
          {view.page === 'settings' && <SettingsPage />}
          {view.page === 'suppression' && <SuppressionPage />}
          {view.page === 'studio' && <StudioPage />}
          {view.page === 'customers' && <CustomersPage />}
          {view.page === 'replies' && <RepliesPage />}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
