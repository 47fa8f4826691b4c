'use strict'
// kafkajs scenarios: `node kafkajs_scenarios.js <scenario> '<json>'`.
// Each scenario prints what the client observed as JSON lines ({"event": ...}); bytes are lowercase
// hex. The C# tests assert on them. An unexpected error exits non-zero with its stack on stderr.

const { Kafka, CompressionTypes, ConfigResourceTypes, AssignerProtocol, logLevel } = require('kafkajs')

const TIMEOUT_MS = 30000

function emit (event, fields = {}) {
  process.stdout.write(JSON.stringify({ ...fields, event }) + '\n')
}

const hex = value => value === null || value === undefined ? null : Buffer.from(value).toString('hex')

function headersHex (headers) {
  return Object.entries(headers || {}).map(([name, value]) => [name, hex(value)])
}

function errorFields (e) {
  return { name: e.name, type: e.type || null, code: e.code === undefined ? null : e.code, retriable: !!e.retriable, message: e.message }
}

async function waitUntil (condition, what, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

function client (args, clientId = 'compat-kafkajs') {
  return new Kafka({
    clientId,
    brokers: [args.bootstrap],
    connectionTimeout: 5000,
    requestTimeout: 20000,
    retry: { retries: args.retries === undefined ? 5 : args.retries, initialRetryTime: 100 },
    logLevel: logLevel.ERROR,
    logCreator: () => ({ namespace, level, log }) => {
      process.stderr.write(`[kafkajs ${namespace}] ${log.message} ${JSON.stringify(log)}\n`)
    }
  })
}

async function withAdmin (args, action) {
  const admin = client(args).admin()
  await admin.connect()
  try {
    return await action(admin)
  } finally {
    await admin.disconnect()
  }
}

async function createTopic (args, topic, numPartitions = 1, configEntries = []) {
  await withAdmin(args, admin => admin.createTopics({ topics: [{ topic, numPartitions, replicationFactor: 1, configEntries }], waitForLeaders: true }))
}

function groupConsumer (args, groupId, clientId) {
  return client(args, clientId).consumer({
    groupId,
    sessionTimeout: 10000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 100,
    retry: { retries: 5, initialRetryTime: 100 }
  })
}

// ---------------------------------------------------------------- producer

async function produceAcks (args) {
  const { topic } = args
  await createTopic(args, topic)
  const producer = client(args).producer({ allowAutoTopicCreation: false })
  await producer.connect()
  let n = 0
  for (const acks of [-1, 1, 0]) {
    const messages = [0, 1, 2].map(i => ({
      key: `acks${acks}-key-${i}`,
      value: Buffer.from(`payload-${n++}-\u00fc\u20ac`),
      headers: { acks: String(acks), bin: Buffer.from([1, 2, 3]) }
    }))
    const result = await producer.send({ topic, acks, messages })
    emit('sent', { acks, results: result.map(r => ({ partition: r.partition, errorCode: r.errorCode, baseOffset: r.baseOffset === undefined ? null : Number(r.baseOffset) })) })
    for (const m of messages) emit('produced', { acks, key: hex(m.key), value: hex(m.value), headers: headersHex(m.headers) })
  }
  await producer.disconnect()
  await withAdmin(args, async admin => {
    // acks=0 sends are not awaited by anyone: the log end reaches 9 once the broker appended them.
    let offsets = []
    await waitUntil(async () => {
      offsets = await admin.fetchTopicOffsets(topic)
      return offsets.length === 1 && Number(offsets[0].high) >= n
    }, `the log end offset to reach ${n}`)
    for (const o of offsets) emit('topic_offsets', { partition: o.partition, low: Number(o.low), high: Number(o.high) })
  })
}

async function produceGzip (args) {
  const { topic } = args
  await createTopic(args, topic)
  const producer = client(args).producer({ allowAutoTopicCreation: false })
  await producer.connect()
  const messages = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, value: `gzip payload ${i} ` + 'z'.repeat(i % 40) }))
  const result = await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages })
  emit('sent', { results: result.map(r => ({ partition: r.partition, errorCode: r.errorCode, baseOffset: Number(r.baseOffset) })) })
  for (const m of messages) emit('produced', { key: hex(m.key), value: hex(m.value) })
  await producer.disconnect()
}

// ---------------------------------------------------------------- consumer groups

class Member {
  constructor (args, name, topic, group, expected) {
    this.name = name
    this.topic = topic
    this.assigned = null
    this.consumed = new Set()
    this.consumer = groupConsumer(args, group, name)
    this.consumer.on(this.consumer.events.GROUP_JOIN, e => {
      this.assigned = (e.payload.memberAssignment[topic] || []).slice().sort((a, b) => a - b)
      this.memberId = e.payload.memberId
      this.isLeader = e.payload.isLeader
    })
    this.consumer.on(this.consumer.events.REBALANCING, () => { this.assigned = null })
    this.crashed = null
    this.consumer.on(this.consumer.events.CRASH, e => { this.crashed = e.payload.error })
  }

  async start () {
    await this.consumer.connect()
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true })
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => { this.consumed.add(`${partition}:${message.offset}`) }
    })
  }

  async leave () { await this.consumer.disconnect() }
}

function balanced (members, partitions) {
  for (const m of members) if (m.crashed) throw new Error(`${m.name} crashed: ${m.crashed.stack || m.crashed}`)
  const sets = members.map(m => m.assigned)
  if (sets.some(s => !s || s.length === 0)) return false
  const all = sets.flat()
  return all.length === partitions && new Set(all).size === partitions && all.every(p => p >= 0 && p < partitions)
}

async function describeGroupState (args, group) {
  return withAdmin(args, async admin => {
    const g = (await admin.describeGroups([group])).groups[0]
    return { state: g.state, protocolType: g.protocolType, protocol: g.protocol, members: g.members.length }
  })
}

async function emitPhase (args, phase, group, members) {
  emit('phase', {
    phase,
    assignments: Object.fromEntries(members.map(m => [m.name, m.assigned])),
    group: await describeGroupState(args, group)
  })
}

async function consumeGroup (args) {
  const { topic, group } = args
  const partitions = 6
  await createTopic(args, topic, partitions)
  const producer = client(args).producer()
  await producer.connect()
  const expected = []
  for (let p = 0; p < partitions; p++) {
    await producer.send({ topic, messages: [0, 1, 2, 3, 4].map(i => ({ partition: p, value: `p${p}-${i}` })) })
    for (let i = 0; i < 5; i++) expected.push(`${p}:${i}`)
  }
  await producer.disconnect()

  const a = new Member(args, 'member-a', topic, group)
  await a.start()
  await waitUntil(() => balanced([a], partitions), 'member-a alone to own every partition')
  await emitPhase(args, 'a', group, [a])

  const b = new Member(args, 'member-b', topic, group)
  await b.start()
  await waitUntil(() => balanced([a, b], partitions), 'a rebalance over member-a and member-b')
  await emitPhase(args, 'ab', group, [a, b])

  const c = new Member(args, 'member-c', topic, group)
  await c.start()
  await waitUntil(() => balanced([a, b, c], partitions), 'a rebalance over three members')
  await emitPhase(args, 'abc', group, [a, b, c])

  await c.leave()
  await waitUntil(() => balanced([a, b], partitions), 'a rebalance after member-c left')
  await emitPhase(args, 'ab-after-leave', group, [a, b])

  await waitUntil(() => {
    const seen = new Set([...a.consumed, ...b.consumed, ...c.consumed])
    return expected.every(k => seen.has(k))
  }, 'every message to be consumed by some member')
  emit('all_consumed', { records: expected.length })
  await a.leave()
  await b.leave()
}

async function consumeUntil (args, topic, group, count) {
  const consumer = groupConsumer(args, group, 'compat-resume')
  const seen = []
  await consumer.connect()
  await consumer.subscribe({ topics: [topic], fromBeginning: true })
  await consumer.run({ eachMessage: async ({ partition, message }) => { seen.push({ partition, offset: Number(message.offset), value: hex(message.value) }) } })
  await waitUntil(() => seen.length >= count, `${count} messages for ${group}`)
  await consumer.disconnect()
  return seen
}

async function offsetsAdmin (args) {
  const { topic, group } = args
  await createTopic(args, topic)
  const producer = client(args).producer()
  await producer.connect()
  await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: `r${i}` })) })
  await producer.disconnect()

  for (const m of await consumeUntil(args, topic, group, 10)) emit('round1', m)
  await withAdmin(args, async admin => {
    const fetched = await admin.fetchOffsets({ groupId: group, topics: [topic] })
    emit('fetched', { stage: 'after-round1', partitions: fetched[0].partitions.map(p => ({ partition: p.partition, offset: Number(p.offset) })) })
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '4' }] })
    const set = await admin.fetchOffsets({ groupId: group, topics: [topic] })
    emit('fetched', { stage: 'after-set', partitions: set[0].partitions.map(p => ({ partition: p.partition, offset: Number(p.offset) })) })
  })
  for (const m of await consumeUntil(args, topic, group, 6)) emit('round2', m)
  await withAdmin(args, admin => admin.resetOffsets({ groupId: group, topic, earliest: true }))
  for (const m of await consumeUntil(args, topic, group, 10)) emit('round3', m)
}

async function adminGroups (args) {
  const { topic, group } = args
  await createTopic(args, topic, 2)
  const member = new Member(args, 'compat-described', topic, group)
  await member.start()
  await waitUntil(() => balanced([member], 2), 'the member to be assigned both partitions')
  await withAdmin(args, async admin => {
    const listed = (await admin.listGroups()).groups.find(g => g.groupId === group)
    emit('listed', { found: !!listed, protocolType: listed ? listed.protocolType : null })
    const g = (await admin.describeGroups([group])).groups[0]
    emit('described', {
      errorCode: g.errorCode,
      state: g.state,
      protocolType: g.protocolType,
      protocol: g.protocol,
      members: g.members.map(m => ({
        clientId: m.clientId,
        memberIdMatches: m.memberId === member.memberId,
        assignment: AssignerProtocol.MemberAssignment.decode(m.memberAssignment).assignment
      }))
    })
  })
  await member.leave()
  await waitUntil(async () => (await describeGroupState(args, group)).members === 0, 'the group to be empty after the member left')
  emit('after_leave', await describeGroupState(args, group))
}

// ---------------------------------------------------------------- admin

async function adminTopics (args) {
  const { topic } = args
  await withAdmin(args, async admin => {
    emit('created', { result: await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true }) })
    emit('listed', { present: (await admin.listTopics()).includes(topic) })
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
    const t = metadata.topics[0]
    emit('metadata', { name: t.name, partitions: t.partitions.map(p => ({ id: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, error: p.partitionErrorCode })).sort((x, y) => x.id - y.id) })
    emit('created_again', { result: await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] }) })
    await admin.deleteTopics({ topics: [topic], timeout: 10000 })
    await waitUntil(async () => !(await admin.listTopics()).includes(topic), 'the deleted topic to leave the listing')
    emit('deleted', { present: false })
  })
}

async function adminPartitions (args) {
  const { topic } = args
  await createTopic(args, topic, 2)
  await withAdmin(args, async admin => {
    await admin.createPartitions({ topicPartitions: [{ topic, count: 5 }] }) // resolves without a value; rejects on an error
    emit('created_partitions', { error: null })
    const t = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]
    emit('metadata', { partitions: t.partitions.map(p => p.partitionId).sort((x, y) => x - y) })
  })
  const producer = client(args).producer()
  await producer.connect()
  const result = await producer.send({ topic, messages: [{ partition: 4, value: 'to-new-partition' }] })
  emit('sent', { partition: result[0].partition, baseOffset: Number(result[0].baseOffset), errorCode: result[0].errorCode })
  await producer.disconnect()
}

async function adminConfigs (args) {
  const { topic } = args
  await createTopic(args, topic, 1, [{ name: 'retention.ms', value: '3600000' }])
  const describe = async admin => {
    const r = (await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }], includeSynonyms: false })).resources[0]
    return { errorCode: r.errorCode, configs: Object.fromEntries(r.configEntries.map(e => [e.configName, { value: e.configValue, isDefault: e.isDefault, readOnly: e.readOnly }])) }
  }
  await withAdmin(args, async admin => {
    emit('described', { stage: 'before', ...(await describe(admin)) })
    const altered = await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'retention.ms', value: '7200000' }, { name: 'cleanup.policy', value: 'compact' }] }]
    })
    emit('altered', { resources: altered.resources.map(r => ({ errorCode: r.errorCode, name: r.resourceName })) })
    emit('described', { stage: 'after', ...(await describe(admin)) })
  })
}

// ---------------------------------------------------------------- errors users hit

async function unknownTopic (args) {
  const producer = client({ ...args, retries: 1 }).producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    await producer.send({ topic: args.topic, messages: [{ value: 'x' }] })
    emit('send', { error: null })
  } catch (e) {
    emit('send', { error: errorFields(e), cause: e.cause ? errorFields(e.cause) : null })
  }
  await producer.disconnect()
  await withAdmin({ ...args, retries: 0 }, async admin => {
    try {
      await admin.fetchTopicMetadata({ topics: [args.topic] })
      emit('metadata', { error: null })
    } catch (e) {
      emit('metadata', { error: errorFields(e) })
    }
  })
}

async function invalidTopic (args) {
  await withAdmin({ ...args, retries: 0 }, async admin => {
    for (const name of args.names) {
      try {
        await admin.createTopics({ topics: [{ topic: name, numPartitions: 1, replicationFactor: 1 }] })
        emit('create', { name, error: null })
      } catch (e) {
        const inner = e.errors && e.errors.length ? e.errors[0] : null
        emit('create', { name, error: errorFields(e), inner: inner ? errorFields(inner) : null })
      }
    }
  })
}

const scenarios = {
  produce_acks: produceAcks,
  produce_gzip: produceGzip,
  consume_group: consumeGroup,
  offsets_admin: offsetsAdmin,
  admin_groups: adminGroups,
  admin_topics: adminTopics,
  admin_partitions: adminPartitions,
  admin_configs: adminConfigs,
  unknown_topic: unknownTopic,
  invalid_topic: invalidTopic
}

async function main () {
  const [name, json] = process.argv.slice(2)
  if (!scenarios[name]) {
    process.stderr.write(`usage: node kafkajs_scenarios.js <${Object.keys(scenarios).join('|')}> '<json>'\n`)
    process.exit(2)
  }
  await scenarios[name](JSON.parse(json || '{}'))
  emit('done')
}

main().then(() => process.exit(0), e => {
  process.stderr.write(`${e.stack || e}\n${e.cause ? 'cause: ' + (e.cause.stack || e.cause) : ''}\n`)
  process.exit(1)
})
