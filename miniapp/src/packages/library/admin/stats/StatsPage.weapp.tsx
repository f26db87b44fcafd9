import WebConsoleOnly from '../../components/WebConsoleOnly'

/** weapp: editing and statistics are on the web console; this says so. */
export default function StatsPage() {
  return <WebConsoleOnly />
}
