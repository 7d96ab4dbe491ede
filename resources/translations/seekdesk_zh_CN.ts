<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AssistantMessageWidget</name>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="193" />
            <source>Waiting for the model…</source>
            <extracomment>While thinking streams, its text scrolls inside a box this tall instead of pushing the page. How long "Code copied" shows in the footer (ms). How often the live "Thinking… 8 s" header ticks (ms).</extracomment>
            <translation>正在等待模型…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="339" />
            <source>Code copied</source>
            <translation>代码已复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="358" />
            <source>Thinking… {seconds} s</source>
            <translation>思考中… {seconds} 秒</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="361" />
            <source>Thought for {duration}</source>
            <translation>已思考 {duration}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="365" />
            <source>Thoughts</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="369" />
            <source> · 1 reasoning token</source>
            <translation> · 1 个推理 token</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="371" />
            <source> · {count} reasoning tokens</source>
            <translation> · {count} 个推理 token</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="375" />
            <source>Request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="378" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="379" />
            <location filename="../../app/ui/chat/message_widgets.py" line="383" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="380" />
            <source>Interrupted</source>
            <translation>已中断</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="387" />
            <source>The app closed before this reply finished; the text so far is kept.</source>
            <translation>应用在回复完成前关闭；已保留目前的文本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="395" />
            <source>{input} in / {output} out</source>
            <translation>输入 {input} / 输出 {output}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="399" />
            <source> / {reasoning} reasoning</source>
            <translation> / 推理 {reasoning}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="402" />
            <source>Tokens: {usage}</source>
            <translation>Token：{usage}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="405" />
            <source>First token {time}</source>
            <translation>首个 token {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="411" />
            <source>Duration {time}</source>
            <translation>耗时 {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_parts.py" line="47" />
            <source>{seconds} s</source>
            <translation>{seconds} 秒</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_parts.py" line="49" />
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes} 分 {seconds} 秒</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <location filename="../../app/ui/common/banner.py" line="60" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>ChatView</name>
        <message>
            <location filename="../../app/ui/chat/chat_view.py" line="107" />
            <source>Loading earlier messages…</source>
            <extracomment>Within this many pixels of the end counts as "at the end" (following the tail). Within this many pixels of the top counts as "at the top" (load older messages). Finished answers more than this many viewport heights away from the viewport sleep. …and at least this many pixels away (a tiny viewport must not make everything sleep). The model to switch to: a delisted model's replacement, or "" to let the user choose. Where the time comes from (epoch seconds); tests replace it. How links are opened; tests replace it. Only http(s) URLs ever reach it.</extracomment>
            <translation>正在加载更早的消息…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/chat_view.py" line="120" />
            <source>↓ Jump to latest</source>
            <translation>↓ 跳到最新</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/chat_view.py" line="316" />
            <source>Copy</source>
            <extracomment>Answers that are awake and may yet sleep (the rest are asleep or have nothing to drop). Let far answers sleep (benchmarks turn it off to weigh awake rows).</extracomment>
            <translation>复制</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="129" />
            <source>Message the model — Enter to send, Shift+Enter for a new line</source>
            <extracomment>The box grows with its text between these many lines, then scrolls.</extracomment>
            <translation>给模型发消息 — Enter 发送，Shift+Enter 换行</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="132" />
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="136" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="138" />
            <source>Stop the reply (Esc); the text so far is kept</source>
            <translation>停止回复（Esc）；已生成的文本会保留</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="143" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="153" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="155" />
            <source>Effort</source>
            <translation>思考强度</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="158" />
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="159" />
            <source>Max</source>
            <translation>最高</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="204" />
            <source>{label} — delisted, use {replacement}</source>
            <translation>{label} — 已下线，请改用 {replacement}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="295" />
            <source>This model always thinks</source>
            <translation>此模型始终会思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="299" />
            <source>This model does not think</source>
            <translation>此模型不支持思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="303" />
            <source>Think before answering</source>
            <translation>先思考再回答</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="315" />
            <source>How hard the model thinks</source>
            <translation>模型思考的深度</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="317" />
            <source>Effort applies only while thinking is on</source>
            <translation>思考强度仅在开启思考时生效</translation>
        </message>
    </context>
    <context>
        <name>ConnectionTest</name>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="107" />
            <source>Test cancelled.</source>
            <extracomment>Seconds from sending to the end of the reply, and to its first token. The key typed in the form, else the region's current one; None when there is neither. The one-word prompt of "Test connection", and the answer budget where the model allows one. Generous: a loaded service may take a while to say its first word. A ConnectionTestResult, once per test that got to run (success, failure or cancel). The test's task is over; ``running`` is False again.</extracomment>
            <translation>测试已取消。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="116" />
            <source>Enter an API key first.</source>
            <translation>请先输入 API Key。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="157" />
            <source>The connection ended without an answer.</source>
            <translation>连接已结束，但没有收到回答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="163" />
            <source>Connected: {model} answered in {seconds:.2f} s.</source>
            <translation>连接成功：{model} 在 {seconds:.2f} 秒内作答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="167" />
            <source>First token after {seconds:.2f} s.</source>
            <translation>首个 token 用时 {seconds:.2f} 秒。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="168" />
            <source>Request ID: {id}</source>
            <translation>请求 ID：{id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="168" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="174" />
            <source>HTTP {status}</source>
            <translation>HTTP {status}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="175" />
            <source>code {code}</source>
            <translation>错误码 {code}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="176" />
            <source>request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
    </context>
    <context>
        <name>FailurePanel</name>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="95" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="97" />
            <source>Open settings</source>
            <translation>打开设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="99" />
            <source>Switch to {model}</source>
            <translation>切换到 {model}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="100" />
            <source>Switch model</source>
            <translation>切换模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="112" />
            <source>The API key was refused. Check the key in Settings; a Model Studio key works only in the region that issued it, so make sure the region matches the key.</source>
            <translation>API Key 被拒绝。请在设置中检查 Key；百炼（Model Studio）的 Key 只能在签发它的地域使用，请确认地域与 Key 一致。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="116" />
            <source>Access denied to this model or workspace. Check the workspace ID and region in Settings, or grant the model to the workspace in the Model Studio console.</source>
            <translation>无权访问此模型或业务空间。请在设置中检查业务空间 ID 和地域，或在百炼（Model Studio）控制台中为该业务空间授权此模型。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="120" />
            <source>This model is not available here. Choose another model.</source>
            <translation>此处无法使用该模型，请选择其他模型。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="123" />
            <source>Too many requests right now. Wait a moment, then retry.</source>
            <translation>当前请求过多，请稍候再重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="126" />
            <source>Your account has run out of quota or has an overdue bill. Check billing in the Model Studio console, then retry.</source>
            <translation>您的账户额度已用完或存在欠费。请在百炼（Model Studio）控制台检查费用后重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="130" />
            <source>Content moderation blocked the request or the answer. Rephrase your message and send it again.</source>
            <translation>内容审核拦截了请求或回答。请换一种说法后重新发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="134" />
            <source>The service rejected the request. Check the model's parameters, or start a new conversation if this one has grown too long.</source>
            <translation>服务拒绝了该请求。请检查模型参数；如果对话过长，请新建对话。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="137" />
            <source>Model Studio had a server error. Retry in a moment.</source>
            <translation>百炼（Model Studio）服务器出错，请稍后重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="139" />
            <source>The service stopped answering. Retry, or raise the read timeout if the model thinks for a long time.</source>
            <translation>服务已停止响应。请重试；如果模型需要长时间思考，请调高读取超时。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="143" />
            <source>Could not reach Model Studio. Check your internet connection or proxy, then retry.</source>
            <translation>无法连接百炼（Model Studio）。请检查网络连接或代理后重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="146" />
            <source>The connection dropped before the answer was complete. The text so far is kept; retry to ask again.</source>
            <translation>回答完成前连接已断开。已保留目前的文本；可重试以再次提问。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="150" />
            <source>The reply could not be read. Retry; if it happens again, check any proxy between you and Model Studio.</source>
            <translation>无法读取回复。请重试；如果问题再次出现，请检查您与百炼（Model Studio）之间的代理。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="158" />
            <source>HTTP {status}</source>
            <translation>HTTP {status}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="162" />
            <source>Request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="224" />
            <source>The history cannot be opened: {error}</source>
            <extracomment>Messages loaded when a conversation opens, and per "load older" step. What ``app.run`` returns: 1 when the history could not be opened at all.</extracomment>
            <translation>无法打开历史记录：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="243" />
            <source>Opening history…</source>
            <translation>正在打开历史记录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="257" />
            <source>The history could not be opened.</source>
            <translation>无法打开历史记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="260" />
            <source>SeekDesk cannot start</source>
            <translation>SeekDesk 无法启动</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="282" />
            <source>Something went wrong: {error}</source>
            <translation>出错了：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="322" />
            <source>Your preferences could not be saved: {error}</source>
            <translation>无法保存您的偏好设置：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="339" />
            <source>Model switched to {model}.</source>
            <translation>已切换到模型 {model}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="349" />
            <source>{model} was delisted by Model Studio on {date}; it no longer answers. Its recommended replacement is {replacement}.</source>
            <translation>{model} 已于 {date} 被百炼（Model Studio）下线，不再响应。推荐的替代模型是 {replacement}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="352" />
            <source>Switch to {replacement}</source>
            <translation>切换到 {replacement}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="439" />
            <source>That conversation no longer exists.</source>
            <translation>该对话已不存在。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="505" />
            <source>Stop the streaming reply before deleting its conversation.</source>
            <translation>请先停止正在生成的回复，再删除其对话。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="591" />
            <source>About SeekDesk</source>
            <translation>关于 SeekDesk</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="593" />
            <source>&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;A desktop chat client for DeepSeek and Qwen models on Alibaba Cloud Model Studio.&lt;/p&gt;&lt;p&gt;Your history stays on this computer; your API key stays in the system keyring.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;适用于阿里云百炼（Model Studio）上 DeepSeek 和通义千问（Qwen）模型的桌面聊天客户端。&lt;/p&gt;&lt;p&gt;您的历史记录保存在本机；API Key 保存在系统钥匙串中。&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="87" />
            <source>SeekDesk Settings</source>
            <extracomment>Emitted with a ConnectionTestResult when a test ends (success, failure or cancel).</extracomment>
            <translation>SeekDesk 设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="105" />
            <source>&amp;Region:</source>
            <translation>地域(&amp;R)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="117" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="309" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="315" />
            <source>&amp;Workspace ID:</source>
            <translation>业务空间 ID(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="121" />
            <source>OpenAI-compatible</source>
            <translation>OpenAI 兼容</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="123" />
            <source>DashScope native</source>
            <translation>DashScope 原生</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="132" />
            <source>API:</source>
            <translation>API：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="137" />
            <source>sk-… (leave empty to keep the current key)</source>
            <translation>sk-…（留空则保留当前 Key）</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="141" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="412" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="143" />
            <source>Show or hide the key you are typing</source>
            <translation>显示或隐藏正在输入的 Key</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="155" />
            <source>API &amp;key:</source>
            <translation>API Key(&amp;K)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="159" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="464" />
            <source>Test connection</source>
            <translation>测试连接</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="177" />
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="178" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="209" />
            <source>Requests go to {url} ({env} is set).</source>
            <translation>请求将发送到 {url}（已设置 {env}）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="266" />
            <source>{region} does not use a workspace ID.</source>
            <translation>{region} 不使用业务空间 ID。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="273" />
            <source>{region} needs a workspace ID: copy it from the Model Studio console (it looks like ws-xxxxxxxxxxxxxxxx).</source>
            <translation>{region} 需要业务空间 ID：请从百炼（Model Studio）控制台复制（形如 ws-xxxxxxxxxxxxxxxx）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="277" />
            <source>Optional in {region}.</source>
            <translation>在 {region} 中可选。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="287" />
            <source>This does not look like a workspace ID (they look like ws-xxxxxxxxxxxxxxxx).</source>
            <translation>这看起来不像业务空间 ID（业务空间 ID 形如 ws-xxxxxxxxxxxxxxxx）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="312" />
            <source>&amp;Workspace ID (optional):</source>
            <translation>业务空间 ID（可选）(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="367" />
            <source>The keyring could not be read: {error}</source>
            <translation>无法读取钥匙串：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="378" />
            <source>No system keyring is available: a key entered here is kept for this session only. {env} in the environment works too.</source>
            <translation>没有可用的系统钥匙串：在此输入的 Key 仅在本次会话中保留。也可以在环境变量中设置 {env}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="386" />
            <source>Current key: none yet for {region}.</source>
            <translation>当前 Key：{region} 尚未设置。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="390" />
            <source>Current key: {key} from the environment ({env}); it overrides a key saved here.</source>
            <translation>当前 Key：{key}，来自环境变量（{env}）；它优先于此处保存的 Key。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="393" />
            <source>Current key: {key}, saved in the system keyring.</source>
            <translation>当前 Key：{key}，已保存在系统钥匙串中。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="394" />
            <source>Current key: {key}, for this session only (not stored).</source>
            <translation>当前 Key：{key}，仅用于本次会话（未保存）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="412" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="456" />
            <source>Cancel test</source>
            <translation>取消测试</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="458" />
            <source>Testing…</source>
            <translation>正在测试…</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="507" />
            <source>The key was not saved: {error}</source>
            <translation>Key 未保存：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="519" />
            <source>The settings could not be saved: {error}</source>
            <translation>无法保存设置：{error}</translation>
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="81" />
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="83" />
            <source>Start a new conversation (Ctrl+N)</source>
            <translation>开始新对话（Ctrl+N）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="86" />
            <source>Search history (Ctrl+F)</source>
            <translation>搜索历史（Ctrl+F）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="147" />
            <source>You</source>
            <translation>你</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="147" />
            <source>Reply</source>
            <translation>回复</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="148" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="211" />
            <source>Untitled</source>
            <translation>无标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="216" />
            <source>{title}
{model} · {when}</source>
            <translation>{title}
{model} · {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="220" />
            <source>A reply is streaming</source>
            <translation>正在生成回复</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="241" />
            <source>The history could not be opened.</source>
            <translation>无法打开历史记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="243" />
            <source>Opening history…</source>
            <translation>正在打开历史记录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="247" />
            <source>No matches.</source>
            <translation>没有匹配的结果。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="249" />
            <source>No conversations yet.</source>
            <translation>还没有对话。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="281" />
            <source>Rename…</source>
            <translation>重命名…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="282" />
            <source>Delete…</source>
            <translation>删除…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="293" />
            <source>Rename conversation</source>
            <translation>重命名对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="293" />
            <source>Title:</source>
            <translation>标题：</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="304" />
            <source>Delete conversation</source>
            <translation>删除对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="305" />
            <source>Delete “{title}” and all its messages? This cannot be undone.</source>
            <translation>删除“{title}”及其所有消息？此操作无法撤销。</translation>
        </message>
    </context>
    <context>
        <name>TurnRouting</name>
        <message>
            <location filename="../../app/ui/window/turns.py" line="111" />
            <source>No API key for {region}. Enter your Model Studio key in Settings.</source>
            <translation>{region} 没有 API Key。请在设置中输入您的百炼（Model Studio）Key。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="141" />
            <source>The history is still opening; send again in a moment.</source>
            <translation>历史记录仍在打开，请稍后再发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="151" />
            <source>A reply is still streaming. Stop it (Esc) before sending.</source>
            <translation>回复仍在生成中。请先停止（Esc）再发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="163" />
            <source>A reply is still streaming. Stop it (Esc) before retrying.</source>
            <translation>回复仍在生成中。请先停止（Esc）再重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="224" />
            <source>{problem} Retrying in {delay:.0f} s (attempt {attempt})…</source>
            <translation>{problem} {delay:.0f} 秒后重试（第 {attempt} 次）…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="279" />
            <source>Replying… (Esc to stop)</source>
            <translation>正在回复…（按 Esc 停止）</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="36" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="37" />
            <source>&amp;New chat</source>
            <translation>新建对话(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="38" />
            <source>&amp;Export conversation…</source>
            <translation>导出对话(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="39" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="45" />
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="46" />
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="49" />
            <source>&amp;Find in history</source>
            <translation>搜索历史(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="50" />
            <source>&amp;Stop reply</source>
            <translation>停止回复(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="51" />
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="57" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="58" />
            <source>Show &amp;sidebar</source>
            <translation>显示侧边栏(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="61" />
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="63" />
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="65" />
            <source>&amp;Actual size</source>
            <translation>实际大小(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="70" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="71" />
            <source>&amp;About SeekDesk</source>
            <translation>关于 SeekDesk(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="119" />
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="119" />
            <source>SeekDesk JSON (*.json)</source>
            <translation>SeekDesk JSON (*.json)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="122" />
            <source>Export conversation</source>
            <translation>导出对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="150" />
            <source>Could not export to {path}: {error}</source>
            <translation>无法导出到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="153" />
            <source>Exported to {path}.</source>
            <translation>已导出到 {path}。</translation>
        </message>
    </context>
</TS>
