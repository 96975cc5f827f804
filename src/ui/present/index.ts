export { HeaderTools } from './HeaderTools.tsx';
export { PresetInfo } from './PresetInfo.tsx';
export { Presentation } from './Presentation.tsx';
