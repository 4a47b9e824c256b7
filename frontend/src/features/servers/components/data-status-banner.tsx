import { useEffect, useRef } from 'react';
import type { Server } from '@contract/http/servers';
import { fingerprintDiverged } from '@contract/http/snapshots';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { useLiveDataCheck } from '../api/check-data';
import { FingerprintCompare } from './fingerprint-compare';
import { serverDir } from './server-dir';

/** The world now against the last healthy one, with a way to measure again. */
function WorldComparison({ server }: { server: Server }) {
  const check = useLiveDataCheck(server);
  const current = check.data?.fingerprint ?? null;
  const { refetch } = check;
  const lastOperation = useRef(server.activeOperation?.id);
  // An operation that just ended (rollback, recreate…) may have changed the world: measure again.
  useEffect(() => {
    const ended = lastOperation.current !== undefined && !server.activeOperation;
    lastOperation.current = server.activeOperation?.id;
    if (ended && server.agentStatus === 'online') void refetch();
  }, [server.activeOperation, server.agentStatus, refetch]);
  if (!server.healthyFingerprint && !current) return null;
  return (
    <div className="mt-3 max-w-xl space-y-2 rounded-md bg-zinc-950/40 p-3">
      <FingerprintCompare
        caption={`World data of ${server.name}: last healthy and now`}
        healthy={server.healthyFingerprint}
        current={current}
      />
      {server.agentStatus === 'online' ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={check.isFetching}
          onClick={() => void check.refetch()}
        >
          {check.isFetching ? 'Measuring…' : 'Measure again'}
        </Button>
      ) : null}
    </div>
  );
}

/** True when the latest live measurement diverged from the healthy one (the contract's rule). */
function useDiverged(server: Server): boolean {
  const current = useLiveDataCheck(server).data?.fingerprint ?? null;
  return (
    server.healthyFingerprint !== null &&
    current !== null &&
    fingerprintDiverged(server.healthyFingerprint, current)
  );
}

/** What we know about the server's world data, how fresh it is, and what it means for recreate. */
export function DataStatusBanner({ server }: { server: Server }) {
  const where = serverDir(server);
  const diverged = useDiverged(server);
  const checked = (
    <time dateTime={server.dataCheckedAt ?? undefined} title={formatDateTime(server.dataCheckedAt)}>
      {timeAgo(server.dataCheckedAt)}
    </time>
  );
  const offline =
    server.agentStatus !== 'online' ? (
      <p className="mt-1 text-orange-200">
        Agent offline — last known state from {formatDateTime(server.dataCheckedAt)}.
      </p>
    ) : null;
  const comparison = <WorldComparison server={server} />;
  if (diverged)
    return (
      <Notice tone="danger" title="World data has shrunk since it last ran healthy">
        The world{' '}
        {where ? (
          <>
            in <code>{where}/data</code>{' '}
          </>
        ) : null}
        lost its saves or more than half of its files or size. Recreate, restore and start are
        refused until you roll back to a snapshot or confirm using the data as it is.
        {comparison}
      </Notice>
    );
  if (server.dataExists === true)
    return (
      <Notice tone="success" title="World data present">
        Saves and player data{' '}
        {where ? (
          <>
            in <code>{where}</code>{' '}
          </>
        ) : null}
        were found (checked {checked}). Recreate and restore keep them.
        {offline}
        {comparison}
      </Notice>
    );
  if (server.dataExists === false)
    return (
      <Notice tone="danger" title="No world data found">
        Nothing was found{' '}
        {where ? (
          <>
            in <code>{where}/data</code>{' '}
          </>
        ) : null}
        (checked {checked}). Recreating would start a new, empty world — you will be asked to
        confirm.
        {offline}
        {comparison}
      </Notice>
    );
  return (
    <Notice tone="warning" title="World data not checked yet">
      ZedOps checks the data folder before any recreate or restore.
      {offline}
      {comparison}
    </Notice>
  );
}
