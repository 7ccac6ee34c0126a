export { MqttSource, type MqttConfig, type MqttStatus, type MqttState, type MqttConnect, type MqttClientLike } from './MqttSource.ts';
export { mapMessage, matchTopic, jsonPath, validateMapping, type MqttMapping, type MappedAction } from './mapping.ts';
