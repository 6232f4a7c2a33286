/**
 * Runs tasks one after another per room, in the order they were handed in, and rooms side by
 * side. The queue hands a fetched batch to its handlers in no particular order, so the worker
 * first puts them back in enqueue order (`batch-order.ts`) and only then has each join its
 * room's lane: a room's messages go out in the order they were enqueued while other rooms do not
 * wait for it.
 */
export interface RoomLanes {
  run<T>(room: string, task: () => Promise<T>): Promise<T>;
}

export function createRoomLanes(): RoomLanes {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(room, task) {
      const previous = tails.get(room) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => {});
      tails.set(room, tail);
      // Forget an idle room, so the map holds only rooms with work in flight.
      void tail.then(() => {
        if (tails.get(room) === tail) tails.delete(room);
      });
      return result;
    },
  };
}
