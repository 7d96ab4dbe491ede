<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AssistantMessageWidget</name>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="213" />
            <source>Waiting for the model…</source>
            <translation>正在等待模型…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="398" />
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="411" />
            <source>Thinking… {seconds} s</source>
            <translation>思考中… {seconds} 秒</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="414" />
            <source>Thought for {duration}</source>
            <translation>已思考 {duration}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="418" />
            <source>Thoughts</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="422" />
            <source> · 1 reasoning token</source>
            <translation> · 1 个推理 token</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="424" />
            <source> · {count} reasoning tokens</source>
            <translation> · {count} 个推理 token</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="428" />
            <source>Request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="431" />
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="432" />
            <location filename="../../app/ui/chat/message_widgets.py" line="436" />
            <source>Failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="433" />
            <source>Interrupted</source>
            <translation>已中断</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="440" />
            <source>The app closed before this reply finished; the text so far is kept.</source>
            <translation>应用在回复完成前关闭；已保留目前的文本。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="448" />
            <source>{input} in / {output} out</source>
            <translation>输入 {input} / 输出 {output}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="452" />
            <source> / {reasoning} reasoning</source>
            <translation> / 推理 {reasoning}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="456" />
            <source> / {cached} cached</source>
            <translation> / {cached} 缓存</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="459" />
            <source>Tokens: {usage}</source>
            <translation>Token：{usage}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="462" />
            <source>Cost {cost}</source>
            <translation>费用 {cost}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="465" />
            <source>First token {time}</source>
            <translation>首个 token {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="471" />
            <source>Duration {time}</source>
            <translation>耗时 {time}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_parts.py" line="53" />
            <source>{seconds} s</source>
            <translation>{seconds} 秒</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_parts.py" line="55" />
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes} 分 {seconds} 秒</translation>
        </message>
        <message>
            <source>Code copied</source>
            <translation type="vanished">代码已复制</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <location filename="../../app/ui/common/banner.py" line="62" />
            <source>Dismiss</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>BranchRoom</name>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="115" />
            <source>A reply is still streaming. Stop it (Esc) before changing messages.</source>
            <extracomment>How long Undo stays offered after a delete. The last confirmation asked (tests answer it).</extracomment>
            <translation>仍有回复正在生成。请先停止（Esc）再修改消息。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="158" />
            <source>Delete message</source>
            <translation>删除消息</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="160" />
            <source>Delete this prompt, its replies and everything after it?</source>
            <translation>删除此提问、它的回复以及其后的所有内容？</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="162" />
            <source>Delete this reply and everything after it?</source>
            <translation>删除此回复及其后的所有内容？</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="165" />
            <source>Other versions are deleted too. You can undo this for a few seconds.</source>
            <translation>其他版本也会一并删除。几秒钟内可以撤销。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="167" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="192" />
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="197" />
            <source>1 message deleted.</source>
            <translation>已删除 1 条消息。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="199" />
            <source>{count} messages deleted.</source>
            <translation>已删除 {count} 条消息。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/branch_room.py" line="226" />
            <source>Restored.</source>
            <translation>已恢复。</translation>
        </message>
    </context>
    <context>
        <name>BranchSwitcher</name>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="62" />
            <source>Previous version</source>
            <translation>上一个版本</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="68" />
            <source>Next version</source>
            <translation>下一个版本</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="83" />
            <source>{index} / {count}</source>
            <translation>{index} / {count}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="85" />
            <source>Version {index} of {count}</source>
            <translation>第 {index} 个版本，共 {count} 个</translation>
        </message>
    </context>
    <context>
        <name>ChatView</name>
        <message>
            <location filename="../../app/ui/chat/chat_view.py" line="328" />
            <source>Copy</source>
            <extracomment>Within this many pixels of the end counts as "at the end" (following the tail). An action asked for on one of the messages, for the window's dispatcher. A message row was made (the window dresses it: toolbar, menu, branch switcher). Where the time comes from (epoch seconds); tests replace it. How links are opened; tests replace it. Only web and mail links ever reach it. Answers that are awake and may yet sleep (the rest are asleep or have nothing to drop). Let far answers sleep (benchmarks turn it off to weigh awake rows).</extracomment>
            <translation>复制</translation>
        </message>
        <message>
            <source>Loading earlier messages…</source>
            <extracomment>Within this many pixels of the end counts as "at the end" (following the tail). Within this many pixels of the top counts as "at the top" (load older messages). Finished answers more than this many viewport heights away from the viewport sleep. …and at least this many pixels away (a tiny viewport must not make everything sleep). The model to switch to: a delisted model's replacement, or "" to let the user choose. Where the time comes from (epoch seconds); tests replace it. How links are opened; tests replace it. Only http(s) URLs ever reach it.</extracomment>
            <translation type="vanished">正在加载更早的消息…</translation>
        </message>
        <message>
            <source>↓ Jump to latest</source>
            <translation type="vanished">↓ 跳到最新</translation>
        </message>
    </context>
    <context>
        <name>CodeView</name>
        <message>
            <location filename="../../app/ui/render/code_view.py" line="236" />
            <source>Copy the code</source>
            <extracomment>A zero-width character inserted around appended code and removed again: QTextDocument's HTML import drops a newline right after ``&lt;pre&gt;`` and one right before ``&lt;/pre&gt;``. Space between a code block and the text above and below it (px). Corner radius of the frame (px). Characters of highlighted HTML per page: a long block is a stack of pages (one document each), as an answer is a stack of segments — painting and appending to one document get slower as it grows (measured: ~230 ms a repaint at 100,000 characters of code in one). Characters of code per page of a stored block shown unhighlighted: a page coloured is put in at once (~20,000 characters of markup, ~15 ms), so it stays small. Height (px) of the strips at the top and bottom of a tall frame drawn with rounded corners. A new page of code (a text view) was added: the answer tracks it for selection. The block's language as written after the fence ("text" when none), drawn at left. A stored block being coloured in idle moments (.late_colour), else None.</extracomment>
            <translation>复制代码</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="181" />
            <source>Message the model — Enter to send, Shift+Enter for a new line</source>
            <extracomment>The box grows with its text between these many lines, then scrolls. A line longer than this wraps anywhere: Qt's word-boundary wrapping of one long unbroken line (a pasted 200,000-character blob) stalls the window for seconds, anywhere takes ms.</extracomment>
            <translation>给模型发消息 — Enter 发送，Shift+Enter 换行</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="184" />
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="189" />
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="191" />
            <source>Stop the reply (Esc); the text so far is kept</source>
            <translation>停止回复（Esc）；已生成的文本会保留</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="196" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="207" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="209" />
            <source>Effort</source>
            <translation>思考强度</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="212" />
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="213" />
            <source>Max</source>
            <translation>最高</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="291" />
            <source>{label} — delisted, use {replacement}</source>
            <translation>{label} — 已下线，请改用 {replacement}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="296" />
            <source>{label} — not offered in this region</source>
            <translation>{label} — 此区域不提供</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="397" />
            <source>Think before answering</source>
            <translation>先思考再回答</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="399" />
            <source>This model always thinks</source>
            <translation>此模型始终会思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="401" />
            <source>This model does not think</source>
            <translation>此模型不支持思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="414" />
            <source>How hard the model thinks</source>
            <translation>模型思考的深度</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/composer.py" line="416" />
            <source>Effort applies only while thinking is on</source>
            <translation>思考强度仅在开启思考时生效</translation>
        </message>
    </context>
    <context>
        <name>ConnectionTest</name>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="113" />
            <source>Test cancelled.</source>
            <extracomment>Seconds from sending to the end of the reply, and to its first token. The name of the API dialect. The key typed in the form, else the region's current one; None when there is neither. The one-word prompt of "Test connection", and the answer budget where the model allows one. Generous: a loaded service may take a while to say its first word. A ConnectionTestResult, once per test that got to run (success, failure or cancel). The test's task is over; ``running`` is False again. Starts, names and cancels the test's task (``app.ui.common.tasks``).</extracomment>
            <translation>测试已取消。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="122" />
            <source>Enter an API key first.</source>
            <translation>请先输入 API Key。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="170" />
            <source>The connection ended without an answer.</source>
            <translation>连接已结束，但没有收到回答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="176" />
            <source>Connected: {model} answered in {seconds:.2f} s.</source>
            <translation>连接成功：{model} 在 {seconds:.2f} 秒内作答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="180" />
            <source>First token after {seconds:.2f} s.</source>
            <translation>首个 token 用时 {seconds:.2f} 秒。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="181" />
            <source>Request ID: {id}</source>
            <translation>请求 ID：{id}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="181" />
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="187" />
            <source>HTTP {status}</source>
            <translation>HTTP {status}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="188" />
            <source>code {code}</source>
            <translation>错误码 {code}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/connection_test.py" line="189" />
            <source>request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
    </context>
    <context>
        <name>ConversationRoom</name>
        <message>
            <location filename="../../app/ui/window/conversations.py" line="141" />
            <source>That conversation no longer exists.</source>
            <extracomment>Messages loaded when a conversation opens, and per "load older" step. Conversations listed before the window's first frame (the rest follow when it has painted). The conversation on screen; None for a new chat. A reply the history refused at its end, as it is to be shown (``window.unsaved``). How many conversations the sidebar lists; grows as the user scrolls to its end.</extracomment>
            <translation>该对话已不存在。</translation>
        </message>
        <message>
            <source>Stop the streaming reply before deleting its conversation.</source>
            <translation type="vanished">请先停止正在生成的回复，再删除其对话。</translation>
        </message>
    </context>
    <context>
        <name>DateGroups</name>
        <message>
            <location filename="../../app/ui/window/date_groups.py" line="49" />
            <source>Pinned</source>
            <extracomment>The group of conversations pinned to the top (``pins``), above every date. The item role holding the name of the date group a row starts (None inside a group).</extracomment>
            <translation>已置顶</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/date_groups.py" line="50" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/date_groups.py" line="51" />
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/date_groups.py" line="52" />
            <source>Previous 7 days</source>
            <translation>过去 7 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/date_groups.py" line="53" />
            <source>Previous 30 days</source>
            <translation>过去 30 天</translation>
        </message>
    </context>
    <context>
        <name>DeleteUndo</name>
        <message>
            <location filename="../../app/ui/window/delete_undo.py" line="110" />
            <source>Undo</source>
            <extracomment>Undo put conversations back (a ``Restored``), under new ids.</extracomment>
            <translation>撤销</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/delete_undo.py" line="115" />
            <source>Untitled</source>
            <translation>未命名</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/delete_undo.py" line="117" />
            <source>“{title}” deleted.</source>
            <translation>已删除“{title}”。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/delete_undo.py" line="119" />
            <source>{n} conversations deleted.</source>
            <translation>已删除 {n} 个对话。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/delete_undo.py" line="160" />
            <source>The conversation could not be restored: {error}</source>
            <translation>无法恢复该对话：{error}</translation>
        </message>
    </context>
    <context>
        <name>Drafts</name>
        <message>
            <location filename="../../app/ui/window/drafts.py" line="174" />
            <source>Your unsent drafts could not be read ({problem}). The file was kept as {path}.</source>
            <extracomment>Drafts of deleted conversations, by their old id, while Undo may bring them back.</extracomment>
            <translation>无法读取未发送的草稿（{problem}）。该文件已保留为 {path}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drafts.py" line="203" />
            <source>Your unsent drafts could not be saved: {error}</source>
            <translation>无法保存未发送的草稿：{error}</translation>
        </message>
    </context>
    <context>
        <name>EmptyState</name>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="75" />
            <source>What shall we work on?</source>
            <extracomment>An example prompt the user picked: the window puts it in the composer.</extracomment>
            <translation>今天想做些什么？</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="77" />
            <source>Explain the difference between a process and a thread, with an example.</source>
            <translation>举例说明进程和线程的区别。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="78" />
            <source>Write a Python function that removes duplicates but keeps the order.</source>
            <translation>写一个 Python 函数，去除重复项但保持原有顺序。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="79" />
            <source>Summarise the main arguments for and against remote work.</source>
            <translation>总结支持和反对远程办公的主要论点。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="80" />
            <source>Help me write a polite email asking to move a meeting to Friday.</source>
            <translation>帮我写一封礼貌的邮件，请求把会议改到周五。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/empty_state.py" line="101" />
            <source>Connected to {model} on Alibaba Cloud Model Studio · {region} · {api}</source>
            <translation>已连接到阿里云百炼上的 {model} · {region} · {api}</translation>
        </message>
    </context>
    <context>
        <name>Failure</name>
        <message>
            <location filename="../../app/core/errors.py" line="136" />
            <source>The API key was refused. Check the key in Settings; a Model Studio key works only in the region that issued it, so make sure the region matches the key.</source>
            <extracomment>The catalogue context of every sentence in HINTS (the window translates under it). Write the reply the history refused, once it can take it (space freed, lock gone). Keep the reply in a file of the user's choosing (the history cannot take it now).</extracomment>
            <translation>API Key 被拒绝。请在设置中检查 Key；百炼（Model Studio）的 Key 只能在签发它的地域使用，请确认地域与 Key 一致。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="141" />
            <source>Access denied to this model or workspace. Check the workspace ID and region in Settings, or grant the model to the workspace in the Model Studio console.</source>
            <translation>无权访问此模型或业务空间。请在设置中检查业务空间 ID 和地域，或在百炼（Model Studio）控制台中为该业务空间授权此模型。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="146" />
            <source>This model is not available here. Choose another model.</source>
            <translation>此处无法使用该模型，请选择其他模型。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="149" />
            <source>Too many requests right now. Wait a moment, then retry.</source>
            <translation>当前请求过多，请稍候再重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="152" />
            <source>Your account has run out of quota or has an overdue bill. Check billing in the Model Studio console, then retry.</source>
            <translation>您的账户额度已用完或存在欠费。请在百炼（Model Studio）控制台检查费用后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="157" />
            <source>Content moderation blocked the request or the answer. Rephrase your message and send it again.</source>
            <translation>内容审核拦截了请求或回答。请换一种说法后重新发送。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="162" />
            <source>The service rejected the request. Check the model's parameters, or start a new conversation if this one has grown too long.</source>
            <translation>服务拒绝了该请求。请检查模型参数；如果对话过长，请新建对话。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="167" />
            <source>Model Studio had a server error. Retry in a moment.</source>
            <translation>百炼（Model Studio）服务器出错，请稍后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="170" />
            <source>The service stopped answering. Retry, or raise the read timeout if the model thinks for a long time.</source>
            <translation>服务已停止响应。请重试；如果模型需要长时间思考，请调高读取超时。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="175" />
            <source>Could not reach Model Studio. Check your internet connection or proxy, then retry.</source>
            <translation>无法连接百炼（Model Studio）。请检查网络连接或代理后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="179" />
            <source>The connection dropped before the answer was complete. The text so far is kept; retry to ask again.</source>
            <translation>回答完成前连接已断开。已保留目前的文本；可重试以再次提问。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="184" />
            <source>The reply could not be read. Retry; if it happens again, check any proxy between you and Model Studio.</source>
            <translation>无法读取回复。请重试；如果问题再次出现，请检查您与百炼（Model Studio）之间的代理。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="189" />
            <source>The disk that holds the history is full, so this could not be saved. Free some space, then retry.</source>
            <translation>存放历史记录的磁盘已满，因此未能保存。请释放一些空间后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="194" />
            <source>The history cannot be written: its file or folder is read-only. Check the permissions of SeekDesk's data folder, then retry.</source>
            <translation>无法写入历史记录：其文件或文件夹为只读。请检查 SeekDesk 数据文件夹的权限后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="199" />
            <source>The history is held by another program for too long. Close other SeekDesk windows or commands that use it, then retry.</source>
            <translation>历史记录被另一个程序占用过久。请关闭正在使用它的其他 SeekDesk 窗口或命令后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="204" />
            <source>The history file is damaged. Restart SeekDesk: it moves the damaged file aside and starts a new one, and 'seekdesk history restore' brings back a backup.</source>
            <translation>历史记录文件已损坏。请重新启动 SeekDesk：它会把损坏的文件移到一旁并新建一个；用 'seekdesk history restore' 可恢复备份。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="209" />
            <source>The history could not be read or written because of a disk or file system error. Check the disk and SeekDesk's data folder, then retry.</source>
            <translation>由于磁盘或文件系统错误，无法读取或写入历史记录。请检查磁盘和 SeekDesk 的数据文件夹后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="215" />
            <source>This conversation was deleted by another SeekDesk (a terminal?). Start a new chat to send your prompt.</source>
            <translation>此对话已被另一个 SeekDesk（终端？）删除。请新建对话来发送您的提示。</translation>
        </message>
        <message>
            <location filename="../../app/core/errors.py" line="220" />
            <source>SeekDesk hit an internal error: a bug in SeekDesk, not a problem with your network or files. The details are in the log file named below; please report it, then retry.</source>
            <translation>SeekDesk 遇到内部错误：这是 SeekDesk 的缺陷，而不是您的网络或文件出了问题。详细信息在下方列出的日志文件中；请报告此问题，然后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="28" />
            <source>Could not reach {host}. Check your internet connection or proxy, then retry.</source>
            <extracomment>The place a connection failure tried (issue 14 point 6): ``{host}`` is the host name, and ``{workspace}`` the workspace ID a workspace host carries (a mistyped ID is a host that is not there). Filled by ``with_sentence``; translations keep both placeholders.</extracomment>
            <translation>无法连接 {host}。请检查网络连接或代理后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="31" />
            <source>Could not reach {host}. Check the workspace ID “{workspace}” in Settings (it is part of this host name), then your internet connection or proxy, then retry.</source>
            <translation>无法连接 {host}。请在设置中检查业务空间 ID“{workspace}”（它是该主机名的一部分），再检查网络连接或代理，然后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="38" />
            <source>{model} was delisted by Model Studio on {date}. Switch to {replacement} (or {alternatives}).</source>
            <extracomment>A delisted model and its recommended replacement (with the others, when there are some).</extracomment>
            <translation>{model} 已于 {date} 被百炼（Model Studio）下线。请改用 {replacement}（或 {alternatives}）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="42" />
            <source>{model} was delisted by Model Studio on {date}. Switch to {replacement}.</source>
            <translation>{model} 已于 {date} 被百炼（Model Studio）下线。请改用 {replacement}。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="46" />
            <source>The model {model} was not found in this region. Choose another model.</source>
            <extracomment>A model the service does not know, named (the region is not known here: see REGION_*).</extracomment>
            <translation>在此地域未找到模型 {model}。请选择其他模型。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="50" />
            <source>Too many requests right now. Wait {seconds} s, then retry.</source>
            <extracomment>A throttle that said how long to wait (Retry-After); ``{seconds}`` is a number.</extracomment>
            <translation>当前请求过多，请等待 {seconds} 秒后重试。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="54" />
            <source>The model {model} was not found in {region}. It may not be offered in this region or to this account: choose another model, or check the region in Settings.</source>
            <extracomment>"Not found" / "no access" with the region's name (``app.core.model_regions``).</extracomment>
            <translation>在{region}未找到模型 {model}。该地域或该账号可能未提供此模型：请选择其他模型，或在设置中检查地域。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="59" />
            <source>No access to {model} in {region}: the account or workspace may not have it. Check the region and workspace in Settings, or choose another model.</source>
            <translation>无权在{region}使用 {model}：该账号或业务空间可能未开通此模型。请在设置中检查地域和业务空间，或选择其他模型。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="81" />
            <source>Connecting to {server} timed out.</source>
            <extracomment>Every template with placeholders, for the catalogue's tests (each is also a HINT_CONTEXT sentence that lupdate extracts from this file). A failure's details in SeekDesk's own words (the transport's: what the connection did), shown under the sentence; the service's own words stay as it wrote them.</extracomment>
            <translation>连接 {server} 超时。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="82" />
            <source>The proxy refused the connection ({error}).</source>
            <translation>代理拒绝了连接（{error}）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="83" />
            <source>Could not connect to {server} ({error}).</source>
            <translation>无法连接到 {server}（{error}）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="84" />
            <source>The server sent nothing for too long (read timeout).</source>
            <translation>服务器长时间没有发送任何内容（读取超时）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="87" />
            <source>No connection became free in time.</source>
            <translation>没有连接及时空闲出来。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="88" />
            <source>Sending the request timed out.</source>
            <translation>发送请求超时。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="89" />
            <source>The server closed the connection without replying.</source>
            <translation>服务器未作答复就关闭了连接。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="92" />
            <source>The connection dropped before the answer was complete.</source>
            <translation>回答完成前连接已断开。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="93" />
            <source>The reply could not be decoded ({error}).</source>
            <translation>无法解码回复（{error}）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="94" />
            <source>The server sent no text for {seconds} seconds, only keep-alives (read timeout).</source>
            <translation>服务器已有 {seconds} 秒只发送保活信号而没有文本（读取超时）。</translation>
        </message>
        <message>
            <location filename="../../app/core/failure_sentences.py" line="98" />
            <source>the server</source>
            <extracomment>``{server}`` when the host is not known.</extracomment>
            <translation>服务器</translation>
        </message>
    </context>
    <context>
        <name>FailurePanel</name>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="105" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="107" />
            <source>Open settings</source>
            <translation>打开设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="109" />
            <source>Save to history again</source>
            <translation>重新保存到历史记录</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="111" />
            <source>Save to a file…</source>
            <translation>保存到文件…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="113" />
            <source>Switch to {model}</source>
            <translation>切换到 {model}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="114" />
            <source>Switch model</source>
            <translation>切换模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="128" />
            <source>HTTP {status}</source>
            <translation>HTTP {status}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/failure_panel.py" line="132" />
            <source>Request ID {id}</source>
            <translation>请求 ID {id}</translation>
        </message>
        <message>
            <source>The API key was refused. Check the key in Settings; a Model Studio key works only in the region that issued it, so make sure the region matches the key.</source>
            <translation type="vanished">API Key 被拒绝。请在设置中检查 Key；百炼（Model Studio）的 Key 只能在签发它的地域使用，请确认地域与 Key 一致。</translation>
        </message>
        <message>
            <source>Access denied to this model or workspace. Check the workspace ID and region in Settings, or grant the model to the workspace in the Model Studio console.</source>
            <translation type="vanished">无权访问此模型或业务空间。请在设置中检查业务空间 ID 和地域，或在百炼（Model Studio）控制台中为该业务空间授权此模型。</translation>
        </message>
        <message>
            <source>This model is not available here. Choose another model.</source>
            <translation type="vanished">此处无法使用该模型，请选择其他模型。</translation>
        </message>
        <message>
            <source>Too many requests right now. Wait a moment, then retry.</source>
            <translation type="vanished">当前请求过多，请稍候再重试。</translation>
        </message>
        <message>
            <source>Your account has run out of quota or has an overdue bill. Check billing in the Model Studio console, then retry.</source>
            <translation type="vanished">您的账户额度已用完或存在欠费。请在百炼（Model Studio）控制台检查费用后重试。</translation>
        </message>
        <message>
            <source>Content moderation blocked the request or the answer. Rephrase your message and send it again.</source>
            <translation type="vanished">内容审核拦截了请求或回答。请换一种说法后重新发送。</translation>
        </message>
        <message>
            <source>The service rejected the request. Check the model's parameters, or start a new conversation if this one has grown too long.</source>
            <translation type="vanished">服务拒绝了该请求。请检查模型参数；如果对话过长，请新建对话。</translation>
        </message>
        <message>
            <source>Model Studio had a server error. Retry in a moment.</source>
            <translation type="vanished">百炼（Model Studio）服务器出错，请稍后重试。</translation>
        </message>
        <message>
            <source>The service stopped answering. Retry, or raise the read timeout if the model thinks for a long time.</source>
            <translation type="vanished">服务已停止响应。请重试；如果模型需要长时间思考，请调高读取超时。</translation>
        </message>
        <message>
            <source>Could not reach Model Studio. Check your internet connection or proxy, then retry.</source>
            <translation type="vanished">无法连接百炼（Model Studio）。请检查网络连接或代理后重试。</translation>
        </message>
        <message>
            <source>The connection dropped before the answer was complete. The text so far is kept; retry to ask again.</source>
            <translation type="vanished">回答完成前连接已断开。已保留目前的文本；可重试以再次提问。</translation>
        </message>
        <message>
            <source>The reply could not be read. Retry; if it happens again, check any proxy between you and Model Studio.</source>
            <translation type="vanished">无法读取回复。请重试；如果问题再次出现，请检查您与百炼（Model Studio）之间的代理。</translation>
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="66" />
            <source>Find in this conversation</source>
            <extracomment>The visible bar (this widget is its strip of the view, right-aligned in it).</extracomment>
            <translation>在此对话中查找</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="70" />
            <source>Previous match (Shift+Enter)</source>
            <translation>上一处匹配（Shift+Enter）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="73" />
            <source>Next match (Enter)</source>
            <translation>下一处匹配（Enter）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="76" />
            <source>Close (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="136" />
            <source>No matches</source>
            <translation>无匹配</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/find_bar.py" line="154" />
            <source>{n} of {total}</source>
            <translation>第 {n} 处，共 {total} 处</translation>
        </message>
    </context>
    <context>
        <name>HistoryDoor</name>
        <message>
            <location filename="../../app/ui/window/history_door.py" line="81" />
            <source>The history cannot be opened: {error}</source>
            <extracomment>The sentence to show: the history cannot be opened at all.</extracomment>
            <translation>无法打开历史记录：{error}</translation>
        </message>
    </context>
    <context>
        <name>HistoryFiles</name>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="56" />
            <source>&amp;Import…</source>
            <translation>导入(&amp;I)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="58" />
            <source>Export &amp;all…</source>
            <translation>全部导出(&amp;A)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="66" />
            <source>Import conversations</source>
            <translation>导入对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="68" />
            <source>Exports (*.json);;All files (*)</source>
            <translation>导出文件 (*.json);;所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="76" />
            <source>Export all conversations</source>
            <translation>导出全部对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="78" />
            <location filename="../../app/ui/window/import_export.py" line="89" />
            <source>SeekDesk JSON (*.json)</source>
            <translation>SeekDesk JSON (*.json)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="87" />
            <source>Export conversations</source>
            <translation>导出对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="103" />
            <source>Nothing was imported from {path}: {error}</source>
            <translation>未从 {path} 导入任何内容：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="110" />
            <source>Imported {added} conversations ({skipped} already here).</source>
            <translation>已导入 {added} 个对话（{skipped} 个已存在）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="137" />
            <source>Could not export to {path}: {error}</source>
            <translation>无法导出到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/import_export.py" line="141" />
            <source>Exported {count} conversations to {path}.</source>
            <translation>已将 {count} 个对话导出到 {path}。</translation>
        </message>
    </context>
    <context>
        <name>HitList</name>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="128" />
            <source>Untitled</source>
            <extracomment>The item role holding the message a result opens at (None: a title hit, open at the end). Snippets shown per conversation; the rest are counted. The marker behind a match (the same yellow as in the conversation), black text on it. Matches are ``&lt;b&gt;`` (``snippet_html``); this sheet puts them on the marker. Titles and labels use spans, so only matches are marked.</extracomment>
            <translation>未命名</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="138" />
            <source>You</source>
            <translation>你</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="138" />
            <source>Reply</source>
            <translation>回复</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="139" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="144" />
            <source>+ 1 more match</source>
            <translation>另有 1 处匹配</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="146" />
            <source>+ {n} more matches</source>
            <translation>另有 {n} 处匹配</translation>
        </message>
    </context>
    <context>
        <name>HitSteps</name>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="200" />
            <source>No search hits in this conversation.</source>
            <translation>此对话中没有搜索结果。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/search_results.py" line="215" />
            <source>Match {n} of {total}</source>
            <translation>第 {n} 处，共 {total} 处</translation>
        </message>
    </context>
    <context>
        <name>InlineEditor</name>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="186" />
            <source>Enter sends as a new version · Shift+Enter new line · Esc cancels</source>
            <translation>Enter 作为新版本发送 · Shift+Enter 换行 · Esc 取消</translation>
        </message>
    </context>
    <context>
        <name>JumpButton</name>
        <message>
            <location filename="../../app/ui/chat/jump_button.py" line="26" />
            <source>↓ Jump to latest</source>
            <extracomment>Pixels between the button and the bottom of the view.</extracomment>
            <translation>↓ 跳到最新</translation>
        </message>
    </context>
    <context>
        <name>KeyField</name>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="34" />
            <source>sk-… (leave empty to keep the current key)</source>
            <extracomment>The typed key changed.</extracomment>
            <translation>sk-…（留空则保留当前 Key）</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="38" />
            <location filename="../../app/ui/settings/key_field.py" line="126" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="40" />
            <source>Show or hide the key you are typing</source>
            <translation>显示或隐藏正在输入的 Key</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="81" />
            <source>Waiting for the keyring… (an unlock prompt may be open)</source>
            <translation>正在等待钥匙串…（可能有解锁提示窗口打开）</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="92" />
            <source>The keyring could not be read: {error}</source>
            <translation>无法读取钥匙串：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="102" />
            <source>No system keyring is available: a key entered here is kept for this session only. {env} in the environment works too.</source>
            <translation>没有可用的系统钥匙串：在此输入的 Key 仅在本次会话中保留。也可以在环境变量中设置 {env}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="110" />
            <source>Current key: none yet for {region}.</source>
            <translation>当前 Key：{region} 尚未设置。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="116" />
            <source>Current key: {key} from the environment ({env}); it overrides a key saved here.</source>
            <translation>当前 Key：{key}，来自环境变量（{env}）；它优先于此处保存的 Key。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="119" />
            <source>Current key: {key}, saved in the system keyring.</source>
            <translation>当前 Key：{key}，已保存在系统钥匙串中。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="120" />
            <source>Current key: {key}, for this session only (not stored).</source>
            <translation>当前 Key：{key}，仅用于本次会话（未保存）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/key_field.py" line="126" />
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
    </context>
    <context>
        <name>LinkGate</name>
        <message>
            <location filename="../../app/ui/chat/link_gate.py" line="85" />
            <source>Not opened: SeekDesk opens only web (http, https) and e-mail (mailto) links from an answer. This link goes to {url}</source>
            <extracomment>The notice goes away by itself after this long (or when dismissed, or a link opens). Opens a URL; returns False when nothing could open it (as ``QDesktopServices.openUrl``).</extracomment>
            <translation>未打开：SeekDesk 只会打开回答中的网页（http、https）和电子邮件（mailto）链接。此链接指向 {url}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/link_gate.py" line="93" />
            <source>No browser or mail program could be started to open {url}</source>
            <translation>无法启动浏览器或邮件程序来打开 {url}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/link_gate.py" line="101" />
            <source>Copy address</source>
            <translation>复制地址</translation>
        </message>
    </context>
    <context>
        <name>Look</name>
        <message>
            <location filename="../../app/ui/window/look.py" line="54" />
            <source>&amp;Theme</source>
            <translation>主题(&amp;T)</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/window/main_window.py" line="402" />
            <source>Something went wrong: {error}</source>
            <translation>出错了：{error}</translation>
        </message>
        <message>
            <source>The history cannot be opened: {error}</source>
            <extracomment>Messages loaded when a conversation opens, and per "load older" step. What ``app.run`` returns: 1 when the history could not be opened at all.</extracomment>
            <translation type="vanished">无法打开历史记录：{error}</translation>
        </message>
        <message>
            <source>Opening history…</source>
            <translation type="vanished">正在打开历史记录…</translation>
        </message>
        <message>
            <source>The history could not be opened.</source>
            <translation type="vanished">无法打开历史记录。</translation>
        </message>
        <message>
            <source>SeekDesk cannot start</source>
            <translation type="vanished">SeekDesk 无法启动</translation>
        </message>
        <message>
            <source>Your preferences could not be saved: {error}</source>
            <translation type="vanished">无法保存您的偏好设置：{error}</translation>
        </message>
        <message>
            <source>Model switched to {model}.</source>
            <translation type="vanished">已切换到模型 {model}。</translation>
        </message>
        <message>
            <source>{model} was delisted by Model Studio on {date}; it no longer answers. Its recommended replacement is {replacement}.</source>
            <translation type="vanished">{model} 已于 {date} 被百炼（Model Studio）下线，不再响应。推荐的替代模型是 {replacement}。</translation>
        </message>
        <message>
            <source>Switch to {replacement}</source>
            <translation type="vanished">切换到 {replacement}</translation>
        </message>
        <message>
            <source>That conversation no longer exists.</source>
            <translation type="vanished">该对话已不存在。</translation>
        </message>
        <message>
            <source>Stop the streaming reply before deleting its conversation.</source>
            <translation type="vanished">请先停止正在生成的回复，再删除其对话。</translation>
        </message>
        <message>
            <source>About SeekDesk</source>
            <translation type="vanished">关于 SeekDesk</translation>
        </message>
        <message>
            <source>&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;A desktop chat client for DeepSeek and Qwen models on Alibaba Cloud Model Studio.&lt;/p&gt;&lt;p&gt;Your history stays on this computer; your API key stays in the system keyring.&lt;/p&gt;</source>
            <translation type="vanished">&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;适用于阿里云百炼（Model Studio）上 DeepSeek 和通义千问（Qwen）模型的桌面聊天客户端。&lt;/p&gt;&lt;p&gt;您的历史记录保存在本机；API Key 保存在系统钥匙串中。&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>MathFormula</name>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="102" />
            <source>Empty formula</source>
            <extracomment>Longest formula typeset (characters of TeX); a longer one is shown as source. Deepest nesting of ``{``, ``left`` and ``<byte value="x8" />egin`` typeset. Deepest nesting of ``left`` and ``<byte value="x8" />egin`` (each level of stretchy delimiters doubles ziamath's work: 5 levels ~50 ms, 8 levels over a second). The size (px) formulas are typeset at; the image is scaled from it. Colour the outlines are written in, replaced by the theme's text colour when drawn. Formulas kept typeset (a few kB of SVG each). What nests: ``{``/``}``, ``left``/``<byte value="xd" />ight``, ``<byte value="x8" />egin``/``end``; ``{`` and ``\`` do not. Commands that draw nothing (cross-references, numbering switches): dropped before converting. One formula laid out at a time (ziamath keeps glyph caches in module state). Checking (TeX → MathML) a caller may do per window before the rest is taken on trust. The catalogue context of the reasons below (the view translates under it).</extracomment>
            <translation>空公式</translation>
        </message>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="103" />
            <source>Formula too long to draw</source>
            <translation>公式过长，无法绘制</translation>
        </message>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="104" />
            <source>Formula nested too deeply to draw</source>
            <translation>公式嵌套过深，无法绘制</translation>
        </message>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="105" />
            <source>Unbalanced braces or \begin/\end</source>
            <translation>花括号或 \begin/\end 不配对</translation>
        </message>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="106" />
            <source>Unknown command</source>
            <translation>未知命令</translation>
        </message>
        <message>
            <location filename="../../app/ui/render/math_tex.py" line="107" />
            <source>Cannot draw this formula</source>
            <translation>无法绘制此公式</translation>
        </message>
    </context>
    <context>
        <name>MessageDispatcher</name>
        <message>
            <location filename="../../app/ui/window/message_dispatch.py" line="113" />
            <source>Code copied</source>
            <extracomment>The actions that change which messages exist or are shown (handed to ``versions``). Edit, Delete and the version switch (``app.ui.window.branch_room``). Where copies go; tests may replace it.</extracomment>
            <translation>代码已复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/message_dispatch.py" line="116" />
            <location filename="../../app/ui/window/message_dispatch.py" line="119" />
            <location filename="../../app/ui/window/message_dispatch.py" line="121" />
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/message_dispatch.py" line="123" />
            <source>Thinking copied</source>
            <translation>思考过程已复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/message_dispatch.py" line="125" />
            <source>Diagnostics copied</source>
            <translation>诊断信息已复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/message_dispatch.py" line="127" />
            <source>This action is not available yet.</source>
            <translation>此操作暂不可用。</translation>
        </message>
    </context>
    <context>
        <name>MessageToolbar</name>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="104" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="139" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="144" />
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="106" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="140" />
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="108" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="153" />
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="121" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="122" />
            <source>More actions</source>
            <translation>更多操作</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="141" />
            <location filename="../../app/ui/chat/message_toolbar.py" line="154" />
            <source>Delete…</source>
            <translation>删除…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="145" />
            <source>Copy as plain text</source>
            <translation>复制为纯文本</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="148" />
            <source>Copy thinking</source>
            <translation>复制思考过程</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="149" />
            <source>Copy diagnostics</source>
            <translation>复制诊断信息</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/message_toolbar.py" line="152" />
            <source>Retry</source>
            <translation>重试</translation>
        </message>
    </context>
    <context>
        <name>Notice</name>
        <message>
            <location filename="../../app/core/history/importer.py" line="34" />
            <source>{path} is larger than {gb} GB; it is not an export.</source>
            <extracomment>Why a file is not imported at all (the window says it in the user's language).</extracomment>
            <translation>{path} 大于 {gb} GB，不是导出文件。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/importer.py" line="35" />
            <source>{path} cannot be read as JSON: {error}</source>
            <translation>无法将 {path} 读取为 JSON：{error}</translation>
        </message>
        <message>
            <location filename="../../app/core/history/importer.py" line="36" />
            <source>This file is nested too deeply to be an export.</source>
            <translation>此文件嵌套层级过深，不是导出文件。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/importer.py" line="37" />
            <source>This file is neither a SeekDesk history export nor a ChatGPT conversations.json.</source>
            <translation>此文件既不是 SeekDesk 历史记录导出文件，也不是 ChatGPT 的 conversations.json。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/opening.py" line="126" />
            <source>The history database was damaged and has been moved to {moved}; a new, empty history was started. Backups in {backups} can be restored with 'seekdesk history restore FILE'.</source>
            <extracomment>Why the history is read-only (said when something tries to save), when it is. What opening the history tells the user (the window says it in the user's language).</extracomment>
            <translation>历史数据库已损坏，已移至 {moved}，并新建了一个空的历史记录。{backups} 中的备份可用 'seekdesk history restore FILE' 恢复。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/opening.py" line="131" />
            <source>The history at {path} was written by a newer version of SeekDesk (format {version}, this one reads up to {newest}). It is left untouched and opened read-only: nothing new will be saved until you update.</source>
            <translation>{path} 处的历史记录由更新版本的 SeekDesk 写入（格式 {version}，本版本最高只能读取 {newest}）。它保持原样并以只读方式打开：在更新之前不会保存任何新内容。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/opening.py" line="137" />
            <source>Your history was upgraded to a new format; a copy of it as it was is in {copy}.</source>
            <translation>历史记录已升级为新格式；升级前的副本保存在 {copy}。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/opening.py" line="142" />
            <source>The daily backup of the history failed: {error}</source>
            <extracomment>A daily backup that failed (the history is still usable); the store tells it.</extracomment>
            <translation>历史记录的每日备份失败：{error}</translation>
        </message>
        <message>
            <location filename="../../app/core/history/readonly.py" line="21" />
            <source>The folder {folder} cannot be written (it is read-only), so the history is opened read-only: you can read, search and export it, but nothing new is saved until the folder can be written again.</source>
            <extracomment>Why a history is opened read-only (the window says it in the user's language).</extracomment>
            <translation>文件夹 {folder} 无法写入（只读），因此历史记录以只读方式打开：你可以阅读、搜索和导出，但在该文件夹恢复可写之前不会保存任何新内容。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/readonly.py" line="27" />
            <source>The history file {path} cannot be written (it is read-only), so it is opened read-only: you can read, search and export it, but nothing new is saved until the file can be written again.</source>
            <translation>历史记录文件 {path} 无法写入（只读），因此以只读方式打开：你可以阅读、搜索和导出，但在该文件恢复可写之前不会保存任何新内容。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/validate.py" line="29" />
            <source>This export's format version is {version}, which is not a version number; the file is damaged or was not written by SeekDesk.</source>
            <extracomment>An export's format version that cannot be read (the window says it in the user's language).</extracomment>
            <translation>此导出文件的格式版本为 {version}，这不是版本号；文件已损坏或并非由 SeekDesk 写入。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/validate.py" line="34" />
            <source>This export's format version is {version}; versions start at 1, so the file is damaged.</source>
            <translation>此导出文件的格式版本为 {version}；版本从 1 开始，因此文件已损坏。</translation>
        </message>
        <message>
            <location filename="../../app/core/history/validate.py" line="38" />
            <source>This export has format version {version}; this SeekDesk reads up to {readable}. Update SeekDesk to import it.</source>
            <translation>此导出文件的格式版本为 {version}；当前 SeekDesk 最高只能读取 {readable}。请更新 SeekDesk 后再导入。</translation>
        </message>
        <message>
            <location filename="../../app/core/presets.py" line="146" />
            <source>The presets could not be read ({error}).</source>
            <extracomment>What ``load_presets`` tells the user of a file it could not use (the window translates).</extracomment>
            <translation>无法读取预设（{error}）。</translation>
        </message>
        <message>
            <location filename="../../app/core/presets.py" line="147" />
            <source>The presets file {path} is damaged ({error}); it was left as is.</source>
            <translation>预设文件 {path} 已损坏（{error}），已保持原样。</translation>
        </message>
        <message>
            <location filename="../../app/core/presets.py" line="150" />
            <source>The presets file was damaged ({error}) and was moved to {moved}.</source>
            <translation>预设文件已损坏（{error}），已移至 {moved}。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="32" />
            <source>{region} needs a workspace ID: copy it from the Model Studio console (it looks like ws-xxxxxxxxxxxxxxxx) and set it with --workspace or 'seekdesk config set workspace ID'.</source>
            <extracomment>A reserved host label of Token/Coding Plan keys, not a workspace. What is wrong with a workspace ID or a base URL (the window says it in the user's language; ``{value}`` and ``{url}`` are the text given, quoted).</extracomment>
            <translation>{region}需要业务空间 ID：请从百炼（Model Studio）控制台复制（形如 ws-xxxxxxxxxxxxxxxx），并用 --workspace 或 'seekdesk config set workspace ID' 设置。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="37" />
            <source>The workspace ID is empty.</source>
            <translation>业务空间 ID 为空。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="38" />
            <source>{value} is not a valid workspace ID: use only letters, digits and hyphens (no dots, slashes, colons, spaces or other characters), at most 63, not starting or ending with a hyphen.</source>
            <translation>{value} 不是有效的业务空间 ID：只能使用字母、数字和连字符（不能有点、斜杠、冒号、空格或其他字符），最多 63 个，且不能以连字符开头或结尾。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="44" />
            <source>{value} is a reserved Model Studio host label, not a workspace ID.</source>
            <translation>{value} 是百炼（Model Studio）保留的主机标签，不是业务空间 ID。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="47" />
            <source>Base URL {url} is not a valid URL: {error}.</source>
            <translation>Base URL {url} 不是有效的 URL：{error}。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="48" />
            <source>Base URL {url} must start with https:// and name a host.</source>
            <translation>Base URL {url} 必须以 https:// 开头并包含主机名。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="51" />
            <source>Base URL {url} must not contain user info, a query or a fragment.</source>
            <translation>Base URL {url} 不能包含用户信息、查询参数或片段。</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="54" />
            <source>Base URL {url} uses plain HTTP to a non-local host; your API key would travel unencrypted. Use https://, or http:// only to 127.0.0.1 or localhost.</source>
            <translation>Base URL {url} 对非本机主机使用明文 HTTP；你的 API Key 将以未加密方式传输。请使用 https://，http:// 仅可用于 127.0.0.1 或 localhost。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="36" />
            <source>{what} is empty.</source>
            <extracomment>What is wrong with a key or the keyring, told in the user's language by the window (the CLI prints the English): ``{what}`` is THE_KEY or THE_ENV_KEY, ``{action}`` one of the keyring actions below, ``{env}`` the environment variable's name.</extracomment>
            <translation>{what}为空。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="37" />
            <source>{what} contains spaces, line breaks or control characters; paste the key alone (it looks like sk-…).</source>
            <translation>{what}包含空格、换行或控制字符；请只粘贴 Key 本身（形如 sk-…）。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="42" />
            <source>{what} contains characters an API key cannot have (only ASCII letters, digits and punctuation); paste the key alone (it looks like sk-…).</source>
            <translation>{what}包含 API Key 中不可能出现的字符（只能是 ASCII 字母、数字和标点）；请只粘贴 Key 本身（形如 sk-…）。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="47" />
            <source>The API key</source>
            <translation>API Key</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="49" />
            <source>The DASHSCOPE_API_KEY environment variable</source>
            <translation>环境变量 DASHSCOPE_API_KEY</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="51" />
            <source>No usable system keyring is available ({reason}), so the API key cannot be stored safely. Set the {env} environment variable instead; SeekDesk uses it for every region.</source>
            <translation>没有可用的系统密钥环（{reason}），因此无法安全地保存 API Key。请改为设置环境变量 {env}；SeekDesk 会在所有地域使用它。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="56" />
            <source>Could not {action}: the keyring is locked ({detail}). Unlock it (log in to your desktop session or open your keyring manager) and try again, or set {env}.</source>
            <translation>无法{action}：密钥环已锁定（{detail}）。请解锁（登录桌面会话或打开密钥环管理器）后重试，或设置 {env}。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="61" />
            <source>Could not {action}: the system keyring reported an error ({detail}). Check that the keyring service is running and unlocked, or set {env}.</source>
            <translation>无法{action}：系统密钥环报告了错误（{detail}）。请确认密钥环服务正在运行且已解锁，或设置 {env}。</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="66" />
            <source>read the API key from the keyring</source>
            <translation>从密钥环读取 API Key</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="67" />
            <source>store the API key in the keyring</source>
            <translation>将 API Key 保存到密钥环</translation>
        </message>
        <message>
            <location filename="../../app/core/secrets.py" line="68" />
            <source>delete the API key from the keyring</source>
            <translation>从密钥环删除 API Key</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="294" />
            <source>Settings file {path} could not be read ({error}); using defaults. It is left as it is; when you save settings it is kept as {kept}.</source>
            <extracomment>Edited by hand in the file for now; every front end reads it. Set when the file was unreadable or had invalid values: what happened, for the user. What ``load_settings`` tells the user about a file it could not use (``{path}``), kept as ``{kept}`` when settings are next saved; the window says them in its language.</extracomment>
            <translation>无法读取设置文件 {path}（{error}），已使用默认设置。该文件保持原样；保存设置时它会被保留为 {kept}。</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="299" />
            <source>Settings file {path} is not a JSON object; using defaults. It is left as it is; when you save settings it is kept as {kept}.</source>
            <translation>设置文件 {path} 不是 JSON 对象，已使用默认设置。该文件保持原样；保存设置时它会被保留为 {kept}。</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="304" />
            <source>Some settings in {path} were invalid and reset to defaults: {problems}. It is left as it is; when you save settings it is kept as {kept}.</source>
            <translation>{path} 中的部分设置无效，已恢复为默认值：{problems}。该文件保持原样；保存设置时它会被保留为 {kept}。</translation>
        </message>
        <message>
            <location filename="../../app/core/text_files.py" line="26" />
            <source>PNG image</source>
            <extracomment>Above this many bytes the window asks before inserting. Above this many bytes a file is refused (never read whole). Known binary types by their first bytes; each name a ``Sentence`` the window translates.</extracomment>
            <translation>PNG 图片</translation>
        </message>
        <message>
            <location filename="../../app/core/text_files.py" line="27" />
            <source>JPEG image</source>
            <translation>JPEG 图片</translation>
        </message>
        <message>
            <location filename="../../app/core/text_files.py" line="28" />
            <source>GIF image</source>
            <translation>GIF 图片</translation>
        </message>
        <message>
            <location filename="../../app/core/text_files.py" line="29" />
            <source>PDF document</source>
            <translation>PDF 文档</translation>
        </message>
        <message>
            <location filename="../../app/core/text_files.py" line="30" />
            <source>ZIP archive or Office document</source>
            <translation>ZIP 压缩包或 Office 文档</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/budgets.py" line="52" />
            <source>Unknown budget {budget}.</source>
            <extracomment>What is wrong with a budget (the prices dialog says it in the user's language).</extracomment>
            <translation>未知的预算 {budget}。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/budgets.py" line="53" />
            <source>The budget limit {limit} is not a number.</source>
            <translation>预算上限 {limit} 不是数字。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/budgets.py" line="54" />
            <source>A budget must be more than zero.</source>
            <translation>预算必须大于零。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/budgets.py" line="55" />
            <source>A money budget needs a currency code such as CNY or USD.</source>
            <translation>金额预算需要货币代码，例如 CNY 或 USD。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/budgets.py" line="58" />
            <source>The budget file {path} cannot be read: {error}</source>
            <translation>无法读取预算文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="46" />
            <source>{model} is not a model name.</source>
            <extracomment>What is wrong with a price (the prices dialog says it in the user's language); ``{name}`` is INPUT, OUTPUT or CACHED_INPUT, ``{problem}`` a line's own sentence.</extracomment>
            <translation>{model} 不是模型名称。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="47" />
            <source>{currency} is not a currency (use a code such as CNY or USD).</source>
            <translation>{currency} 不是货币（请使用 CNY 或 USD 这样的代码）。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="50" />
            <source>The {name} price of {model} is missing.</source>
            <translation>缺少 {model} 的{name}价格。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="51" />
            <source>The {name} price of {model} is not a number: {value}.</source>
            <translation>{model} 的{name}价格不是数字：{value}。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="54" />
            <source>The {name} price of {model} must be zero or more.</source>
            <translation>{model} 的{name}价格必须大于或等于零。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="55" />
            <source>The date of the {model} price is not a date (YYYY-MM-DD).</source>
            <translation>{model} 价格的日期不是有效日期（YYYY-MM-DD）。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="58" />
            <source>The price file {path} cannot be read: {error}</source>
            <translation>无法读取价格文件 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="59" />
            <source>The CSV lacks the column(s): {columns}.</source>
            <translation>CSV 缺少以下列：{columns}。</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="60" />
            <source>Line {line}: {problem}</source>
            <translation>第 {line} 行：{problem}</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="61" />
            <source>input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="62" />
            <source>output</source>
            <translation>输出</translation>
        </message>
        <message>
            <location filename="../../app/core/usage/prices.py" line="63" />
            <source>cached input</source>
            <translation>缓存输入</translation>
        </message>
    </context>
    <context>
        <name>OlderPages</name>
        <message>
            <location filename="../../app/ui/chat/older_pages.py" line="30" />
            <source>Loading earlier messages…</source>
            <extracomment>Within this many pixels of the top counts as "at the top".</extracomment>
            <translation>正在加载更早的消息…</translation>
        </message>
    </context>
    <context>
        <name>OpeningView</name>
        <message>
            <location filename="../../app/ui/window/opening_view.py" line="50" />
            <source>Opening history…</source>
            <extracomment>1 once the history could not be opened (what ``app.run`` returns).</extracomment>
            <translation>正在打开历史记录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/opening_view.py" line="64" />
            <source>The history could not be opened.</source>
            <translation>无法打开历史记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/opening_view.py" line="67" />
            <source>SeekDesk cannot start</source>
            <translation>SeekDesk 无法启动</translation>
        </message>
    </context>
    <context>
        <name>ParametersPanel</name>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="43" />
            <source>Parameters</source>
            <translation>参数</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="71" />
            <source>Set</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="73" />
            <source>Unchecked: the model's default is used (nothing is sent).</source>
            <translation>未勾选：使用模型默认值（不发送该参数）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="85" />
            <source>Reset</source>
            <translation>重置</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="103" />
            <source>{model}: values the seed lets you set; others use the model's default.</source>
            <translation>{model}：可设置文档允许的参数；其余使用模型默认值。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="114" />
            <source>default {value}</source>
            <translation>默认 {value}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="115" />
            <source>default set by the service</source>
            <translation>默认值由服务决定</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="118" />
            <source>fixed at {value}</source>
            <translation>固定为 {value}</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/parameters_panel.py" line="120" />
            <source>not accepted by this model</source>
            <translation>此模型不接受</translation>
        </message>
    </context>
    <context>
        <name>Preferences</name>
        <message>
            <location filename="../../app/ui/window/preferences.py" line="96" />
            <source>Your preferences could not be saved: {error}</source>
            <translation>无法保存您的偏好设置：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/preferences.py" line="113" />
            <source>Model switched to {model}.</source>
            <translation>已切换到模型 {model}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/preferences.py" line="123" />
            <source>{model} was delisted by Model Studio on {date}; it no longer answers. Its recommended replacement is {replacement}.</source>
            <translation>{model} 已于 {date} 被百炼（Model Studio）下线，不再响应。推荐的替代模型是 {replacement}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/preferences.py" line="126" />
            <source>Switch to {replacement}</source>
            <translation>切换到 {replacement}</translation>
        </message>
    </context>
    <context>
        <name>PresetsDialog</name>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="48" />
            <source>Presets</source>
            <translation>预设</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="54" />
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="56" />
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="65" />
            <source>The composer's choice</source>
            <translation>使用输入框当前的选择</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="69" />
            <location filename="../../app/ui/window/presets_dialog.py" line="73" />
            <source>The model's default</source>
            <translation>模型默认</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="70" />
            <source>On</source>
            <translation>开</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="71" />
            <source>Off</source>
            <translation>关</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="74" />
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="75" />
            <source>Max</source>
            <translation>最高</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="76" />
            <source>Parameters…</source>
            <translation>参数…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="84" />
            <source>Use for new chats</source>
            <translation>用于新对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="91" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="92" />
            <source>System prompt</source>
            <translation>系统提示词</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="93" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="94" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="95" />
            <source>Effort</source>
            <translation>推理强度</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="99" />
            <source>Parameters</source>
            <translation>参数</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="127" />
            <source> (default)</source>
            <translation>（默认）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="174" />
            <source>The model's defaults</source>
            <translation>模型默认值</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/presets_dialog.py" line="189" />
            <source>Not saved: {reason}</source>
            <translation>未保存：{reason}</translation>
        </message>
    </context>
    <context>
        <name>PricesDialog</name>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="100" />
            <source>Prices and budgets</source>
            <translation>价格与预算</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="104" />
            <source>SeekDesk ships no prices. Copy them from the Model Studio console, per million tokens, with the date you took them. Region * applies to every region without a price of its own. Where no price applies, costs show as —.</source>
            <translation>SeekDesk 不内置任何价格。请从百炼（Model Studio）控制台抄录每百万 Token 的价格，并注明抄录日期。地域 * 适用于所有未单独设置价格的地域。没有适用价格时，费用显示为 —。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="113" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="114" />
            <source>Region</source>
            <translation>地域</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="115" />
            <source>Currency</source>
            <translation>币种</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="116" />
            <source>Input / M</source>
            <translation>输入 / 百万</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="117" />
            <source>Output / M</source>
            <translation>输出 / 百万</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="118" />
            <source>Cached input / M</source>
            <translation>缓存输入 / 百万</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="119" />
            <source>As of (YYYY-MM-DD)</source>
            <translation>价格日期（YYYY-MM-DD）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="125" />
            <source>Add price</source>
            <translation>添加价格</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="126" />
            <source>Remove</source>
            <translation>删除</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="127" />
            <source>Import CSV…</source>
            <translation>导入 CSV…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="128" />
            <source>Export CSV…</source>
            <translation>导出 CSV…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="137" />
            <source>Budgets</source>
            <translation>预算</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="139" />
            <source>Daily</source>
            <translation>每日</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="140" />
            <source>Monthly</source>
            <translation>每月</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="143" />
            <source>A quiet notice at 80 %; past 100 % SeekDesk asks before sending (you can go on). Tokens count input and output, thinking included.</source>
            <translation>达到 80 % 时安静提示；超过 100 % 时 SeekDesk 会在发送前询问（您可以继续）。Token 数包括输入和输出（含思考）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="225" />
            <source>Row {0}: {1}</source>
            <translation>第 {0} 行：{1}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="249" />
            <source>Could not save: {0}</source>
            <translation>无法保存：{0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="260" />
            <source>Nothing imported: {0}</source>
            <translation>未导入任何内容：{0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="266" />
            <source>{0} prices imported; press Save to keep them.</source>
            <translation>已导入 {0} 个价格；按“保存”以保留。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="274" />
            <source>Nothing exported: {0}</source>
            <translation>未导出任何内容：{0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="276" />
            <source>Exported to {0}.</source>
            <translation>已导出到 {0}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="281" />
            <source>Import prices</source>
            <translation>导入价格</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="281" />
            <location filename="../../app/ui/usage/prices_dialog.py" line="288" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="288" />
            <source>Export prices</source>
            <translation>导出价格</translation>
        </message>
    </context>
    <context>
        <name>QuickSwitcher</name>
        <message>
            <location filename="../../app/ui/window/quick_switcher.py" line="45" />
            <source>Go to conversation</source>
            <translation>转到对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/quick_switcher.py" line="51" />
            <source>Type to find a conversation…</source>
            <translation>输入以查找对话…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/quick_switcher.py" line="84" />
            <source>Untitled</source>
            <translation>未命名</translation>
        </message>
    </context>
    <context>
        <name>RenameDialog</name>
        <message>
            <location filename="../../app/ui/window/rename_dialog.py" line="25" />
            <source>Rename conversation</source>
            <extracomment>The field's width in average characters (a long title fits; the screen caps it).</extracomment>
            <translation>重命名对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/rename_dialog.py" line="41" />
            <source>Title:</source>
            <translation>标题：</translation>
        </message>
    </context>
    <context>
        <name>ReplyNotice</name>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="43" />
            <source>Continue</source>
            <translation>继续</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="46" />
            <source>Send "continue" as a new prompt; the cut reply stays in the context.</source>
            <translation>发送“continue”作为新的提问；被截断的回复仍保留在上下文中。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="50" />
            <source>Not sent as context</source>
            <translation>未作为上下文发送</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="54" />
            <source>This reply has no answer text, so it and its prompt are left out of what later prompts send to the model.</source>
            <translation>此回复没有回答文本，因此它和对应的提问不会随后续提问发送给模型。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="98" />
            <source> ({output} output tokens, {thinking} of them thinking)</source>
            <translation>（{output} 个输出 token，其中 {thinking} 个用于思考）</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="102" />
            <source> ({output} output tokens)</source>
            <translation>（{output} 个输出 token）</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="108" />
            <source>Cut off at the length limit before any answer text{tokens}.</source>
            <translation>在给出任何回答文本之前已达到长度上限而被截断{tokens}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="110" />
            <source>Cut off at the length limit.</source>
            <translation>已达到长度上限，回复被截断。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="112" />
            <source>The model returned no answer text{tokens}.</source>
            <translation>模型没有返回回答文本{tokens}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="114" />
            <source>Stopped by the service's content filter.</source>
            <translation>已被服务的内容审核拦截。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="116" />
            <source>The model asked to call a tool; SeekDesk runs no tools.</source>
            <translation>模型请求调用工具；SeekDesk 不运行任何工具。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/reply_notice.py" line="117" />
            <source>The reply ended with finish reason “{reason}”.</source>
            <translation>回复以结束原因“{reason}”结束。</translation>
        </message>
    </context>
    <context>
        <name>Setting</name>
        <message>
            <location filename="../../app/core/protocols/built_in.py" line="14" />
            <source>OpenAI-compatible</source>
            <translation>OpenAI 兼容</translation>
        </message>
        <message>
            <location filename="../../app/core/protocols/built_in.py" line="15" />
            <source>OpenAI-compatible (the default)</source>
            <translation>OpenAI 兼容（默认）</translation>
        </message>
        <message>
            <location filename="../../app/core/protocols/built_in.py" line="19" />
            <location filename="../../app/core/protocols/built_in.py" line="20" />
            <source>DashScope native</source>
            <translation>DashScope 原生</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="94" />
            <source>China (Beijing)</source>
            <extracomment>Fixed host, or None where every request goes to the workspace host. Whether the workspace host form exists here (required when ``host`` is None).</extracomment>
            <translation>中国（北京）</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="96" />
            <source>US (Virginia)</source>
            <translation>美国（弗吉尼亚）</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="98" />
            <source>Singapore</source>
            <translation>新加坡</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="100" />
            <source>Germany (Frankfurt)</source>
            <translation>德国（法兰克福）</translation>
        </message>
        <message>
            <location filename="../../app/core/regions.py" line="102" />
            <source>Japan (Tokyo)</source>
            <translation>日本（东京）</translation>
        </message>
        <message>
            <location filename="../../app/core/setting_values.py" line="26" />
            <source>As the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../../app/core/setting_values.py" line="27" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../../app/core/setting_values.py" line="28" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../../app/core/setting_values.py" line="30" />
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../../app/core/setting_values.py" line="31" />
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="120" />
            <source>&amp;Region:</source>
            <extracomment>A settings file is a few hundred bytes; anything past this is not one (and is not read). Where a settings file that could not be used is kept when the user first saves over it. The value's type (str, bool, float, dict) and its default. One line for ``seekdesk config set --help`` (English; the CLI is not translated). The settings dialog's row label, marked for translation under ``Setting``. The values it may take, when they are a fixed list (computed: dialects may be added). The label shown for a choice (marked for translation under ``Setting``). The dialog shows the choices as radio buttons rather than a drop-down list. The dialog's section ("Connection", "Appearance"), marked for translation.</extracomment>
            <translation>地域(&amp;R)：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="131" />
            <source>&amp;Workspace ID:</source>
            <translation>业务空间 ID(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="140" />
            <source>API:</source>
            <translation>API：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="152" />
            <source>Model:</source>
            <translation>模型：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="160" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="168" />
            <source>Effort:</source>
            <translation>思考强度：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="177" />
            <source>Read timeout:</source>
            <translation>读取超时：</translation>
        </message>
        <message>
            <location filename="../../app/core/settings.py" line="192" />
            <source>&amp;Theme:</source>
            <extracomment>A reply still streaming after this long ends as ``length`` (see ``limits``).</extracomment>
            <translation>主题(&amp;T)：</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="91" />
            <source>SeekDesk Settings</source>
            <extracomment>``needs_first_run_setup`` lives with the other keyring calls; the window imports it here. Emitted with a ConnectionTestResult when a test ends (success, failure or cancel). Names, keeps and cancels the dialog's tasks: keyring lookups, Save, the test.</extracomment>
            <translation>SeekDesk 设置</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="137" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="472" />
            <source>&amp;Save</source>
            <extracomment>One row per setting the dialog edits, by name, in declaration order.</extracomment>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="138" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="166" />
            <source>API &amp;key:</source>
            <translation>API Key(&amp;K)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="169" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="395" />
            <source>Test connection</source>
            <translation>测试连接</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="255" />
            <source>{region} does not use a workspace ID.</source>
            <translation>{region} 不使用业务空间 ID。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="261" />
            <source>{region} needs a workspace ID: copy it from the Model Studio console (it looks like ws-xxxxxxxxxxxxxxxx).</source>
            <translation>{region} 需要业务空间 ID：请从百炼（Model Studio）控制台复制（形如 ws-xxxxxxxxxxxxxxxx）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="265" />
            <source>Optional in {region}.</source>
            <translation>在 {region} 中可选。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="275" />
            <source>This does not look like a workspace ID (they look like ws-xxxxxxxxxxxxxxxx).</source>
            <translation>这看起来不像业务空间 ID（业务空间 ID 形如 ws-xxxxxxxxxxxxxxxx）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="290" />
            <location filename="../../app/ui/settings/settings_dialog.py" line="296" />
            <source>&amp;Workspace ID:</source>
            <translation>业务空间 ID(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="293" />
            <source>&amp;Workspace ID (optional):</source>
            <translation>业务空间 ID（可选）(&amp;W)：</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="320" />
            <source>Requests go to {url}.</source>
            <translation>请求将发送到 {url}。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="322" />
            <source>Requests go to {url} ({env} is set).</source>
            <translation>请求将发送到 {url}（已设置 {env}）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="387" />
            <source>Cancel test</source>
            <translation>取消测试</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="389" />
            <source>Testing…</source>
            <translation>正在测试…</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="437" />
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="449" />
            <source>The key was not saved: {error}</source>
            <translation>Key 未保存：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/settings/settings_dialog.py" line="459" />
            <source>The settings could not be saved: {error}</source>
            <translation>无法保存设置：{error}</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation type="vanished">地域(&amp;R)：</translation>
        </message>
        <message>
            <source>OpenAI-compatible</source>
            <translation type="vanished">OpenAI 兼容</translation>
        </message>
        <message>
            <source>DashScope native</source>
            <translation type="vanished">DashScope 原生</translation>
        </message>
        <message>
            <source>API:</source>
            <translation type="vanished">API：</translation>
        </message>
        <message>
            <source>sk-… (leave empty to keep the current key)</source>
            <translation type="vanished">sk-…（留空则保留当前 Key）</translation>
        </message>
        <message>
            <source>Show</source>
            <translation type="vanished">显示</translation>
        </message>
        <message>
            <source>Show or hide the key you are typing</source>
            <translation type="vanished">显示或隐藏正在输入的 Key</translation>
        </message>
        <message>
            <source>The keyring could not be read: {error}</source>
            <translation type="vanished">无法读取钥匙串：{error}</translation>
        </message>
        <message>
            <source>No system keyring is available: a key entered here is kept for this session only. {env} in the environment works too.</source>
            <translation type="vanished">没有可用的系统钥匙串：在此输入的 Key 仅在本次会话中保留。也可以在环境变量中设置 {env}。</translation>
        </message>
        <message>
            <source>Current key: none yet for {region}.</source>
            <translation type="vanished">当前 Key：{region} 尚未设置。</translation>
        </message>
        <message>
            <source>Current key: {key} from the environment ({env}); it overrides a key saved here.</source>
            <translation type="vanished">当前 Key：{key}，来自环境变量（{env}）；它优先于此处保存的 Key。</translation>
        </message>
        <message>
            <source>Current key: {key}, saved in the system keyring.</source>
            <translation type="vanished">当前 Key：{key}，已保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>Current key: {key}, for this session only (not stored).</source>
            <translation type="vanished">当前 Key：{key}，仅用于本次会话（未保存）。</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation type="vanished">隐藏</translation>
        </message>
    </context>
    <context>
        <name>SetupRoom</name>
        <message>
            <location filename="../../app/ui/window/setup_room.py" line="144" />
            <source>System prompt saved.</source>
            <extracomment>The new chat's preset (its parameters go with the first turn). The sampling parameters of the conversation on screen (or of the new chat).</extracomment>
            <translation>系统提示词已保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/setup_room.py" line="173" />
            <source>The presets could not be saved: {error}</source>
            <translation>无法保存预设：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/setup_room.py" line="176" />
            <source>Presets saved.</source>
            <translation>预设已保存。</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="74" />
            <source>Find &amp;next</source>
            <translation>查找下一个(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="76" />
            <source>Find pre&amp;vious</source>
            <translation>查找上一个(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="78" />
            <source>Copy last &amp;answer</source>
            <translation>复制最后的回答(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="81" />
            <source>&amp;Go to conversation…</source>
            <translation>转到对话(&amp;G)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="84" />
            <source>&amp;Previous conversation</source>
            <translation>上一个对话(&amp;P)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="87" />
            <source>Ne&amp;xt conversation</source>
            <translation>下一个对话(&amp;X)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="93" />
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="114" />
            <source>There is no answer to copy yet.</source>
            <translation>还没有可复制的回答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="117" />
            <source>Last answer copied.</source>
            <translation>已复制最后的回答。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="145" />
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="149" />
            <source>Command</source>
            <translation>命令</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/shortcuts.py" line="149" />
            <source>Keys</source>
            <translation>按键</translation>
        </message>
    </context>
    <context>
        <name>Sidebar</name>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="80" />
            <source>New chat</source>
            <extracomment>A search result opened: its conversation at its best hit (``search_results``). Several selected conversations to delete (asked already) or to export. Pin to top / Unpin asked for a conversation (``pins`` keeps the set). The user scrolled near the end of the list and older conversations exist. Conversations whose reply failed while off screen, with the failure's sentence.</extracomment>
            <translation>新建对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="82" />
            <source>Start a new conversation (Ctrl+N)</source>
            <translation>开始新对话（Ctrl+N）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="85" />
            <source>Search history (Ctrl+F)</source>
            <translation>搜索历史（Ctrl+F）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="268" />
            <source>Untitled</source>
            <translation>无标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="278" />
            <source>{title}
{model} · {when}</source>
            <translation>{title}
{model} · {when}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="284" />
            <source>Some stored values were damaged and are shown repaired.</source>
            <translation>部分已存储的值已损坏，显示的是修复后的值。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="297" />
            <source>A reply is streaming</source>
            <translation>正在生成回复</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="298" />
            <source>{title} (a reply is streaming)</source>
            <translation>{title}（正在生成回复）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="303" />
            <source>Reply failed: {sentence}</source>
            <translation>回复失败：{sentence}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="304" />
            <source>{title} (the reply failed: {sentence})</source>
            <translation>{title}（回复失败：{sentence}）</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="323" />
            <source>The history could not be opened.</source>
            <translation>无法打开历史记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="325" />
            <source>Opening history…</source>
            <translation>正在打开历史记录…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="329" />
            <source>No matches.</source>
            <translation>没有匹配的结果。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="331" />
            <source>No conversations yet.</source>
            <translation>还没有对话。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="388" />
            <source>Delete {n} conversations…</source>
            <translation>删除 {n} 个对话…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="390" />
            <source>Export {n} conversations…</source>
            <translation>导出 {n} 个对话…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="395" />
            <source>Rename…</source>
            <translation>重命名…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="396" />
            <source>Delete…</source>
            <translation>删除…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="397" />
            <source>Unpin</source>
            <translation>取消置顶</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="397" />
            <source>Pin to top</source>
            <translation>置顶</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="415" />
            <source>Delete conversations</source>
            <translation>删除对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="416" />
            <source>Delete {n} conversations and all their messages?</source>
            <translation>删除 {n} 个对话及其所有消息？</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="418" />
            <location filename="../../app/ui/window/sidebar.py" line="433" />
            <source>Its requests and tokens stay counted in View → Usage.</source>
            <translation>它的请求和 Token 仍会计入“视图 → 用量”。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="430" />
            <source>Delete conversation</source>
            <translation>删除对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/sidebar.py" line="431" />
            <source>Delete “{title}” and all its messages?</source>
            <translation>删除“{title}”及其所有消息？</translation>
        </message>
        <message>
            <source>You</source>
            <translation type="vanished">你</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation type="vanished">回复</translation>
        </message>
        <message>
            <source>Title</source>
            <translation type="vanished">标题</translation>
        </message>
        <message>
            <source>Rename conversation</source>
            <translation type="vanished">重命名对话</translation>
        </message>
        <message>
            <source>Title:</source>
            <translation type="vanished">标题：</translation>
        </message>
        <message>
            <source>Delete “{title}” and all its messages? This cannot be undone.</source>
            <translation type="vanished">删除“{title}”及其所有消息？此操作无法撤销。</translation>
        </message>
    </context>
    <context>
        <name>SystemPromptPanel</name>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="52" />
            <source>Start this chat from a preset (an assistant)</source>
            <translation>从预设（助手）开始此对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="56" />
            <source>Parameters…</source>
            <translation>参数…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="58" />
            <source>Sampling parameters of this conversation</source>
            <translation>此对话的采样参数</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="62" />
            <source>Presets…</source>
            <translation>预设…</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="64" />
            <source>Create, edit or delete presets</source>
            <translation>创建、编辑或删除预设</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="69" />
            <source>Instructions the model follows in this whole conversation</source>
            <translation>模型在整个对话中遵循的指示</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="74" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="77" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="79" />
            <source>Sent first, before every prompt of this conversation.</source>
            <translation>在此对话的每次提问之前最先发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="123" />
            <source>No preset</source>
            <translation>不使用预设</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="148" />
            <location filename="../../app/ui/chat/system_prompt.py" line="155" />
            <source>Add a system prompt</source>
            <translation>添加系统提示词</translation>
        </message>
        <message>
            <location filename="../../app/ui/chat/system_prompt.py" line="151" />
            <source>System prompt: {text}</source>
            <translation>系统提示词：{text}</translation>
        </message>
    </context>
    <context>
        <name>TextDrop</name>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="69" />
            <source>a binary file</source>
            <translation>二进制文件</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="71" />
            <source>“{name}” was not inserted: it is {what}, not text, and these models take text only. Nothing was sent.</source>
            <translation>未插入“{name}”：它是{what}，不是文本，而这些模型只接受文本。未发送任何内容。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="75" />
            <source>“{name}” was not inserted: at {size} MB it is too large.</source>
            <translation>未插入“{name}”：{size} MB，文件过大。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="78" />
            <source>“{name}” could not be read: {error}</source>
            <translation>无法读取“{name}”：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="84" />
            <source>Insert a large file?</source>
            <translation>插入大文件？</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/drop_text.py" line="86" />
            <source>{names} is {size} kB of text. Everything inserted is sent with the prompt and counts as input tokens. Insert it?</source>
            <translation>{names} 有 {size} kB 文本。插入的全部内容都会随提示发送，并计入输入 token。要插入吗？</translation>
        </message>
    </context>
    <context>
        <name>TurnPlanner</name>
        <message>
            <location filename="../../app/ui/window/turn_plan.py" line="137" />
            <source>No API key for {region}. Enter your Model Studio key in Settings.</source>
            <extracomment>(system prompt or None to keep the stored one, parameters over the settings') for a turn in the conversation given (None: a new chat). The prompt typed for it (None: a retry or an edit): back in the box if the turn fails before its reply starts. The system prompt and parameters of a turn; set by the window's SetupRoom. The name of the preset a new chat starts from (None: none); set by the SetupRoom.</extracomment>
            <translation>{region} 没有 API Key。请在设置中输入您的百炼（Model Studio）Key。</translation>
        </message>
    </context>
    <context>
        <name>TurnRouter</name>
        <message>
            <location filename="../../app/ui/window/turns.py" line="222" />
            <source>The history is still opening; send again in a moment.</source>
            <extracomment>Busy or idle, or a reply started or ended: the window re-checks its actions. Told of a session whose reply the history refused at its end (``window.unsaved``). Told that a prompt sent from a conversation (None: a new chat) has left, once its key was found (``drafts`` clears the draft if it still is that prompt). Told that the new chat on screen is about to become this conversation (``drafts``). The running turns by the worker's ticket. The streaming replies as seen so far, by conversation; the sidebar marks them.</extracomment>
            <translation>历史记录仍在打开，请稍后再发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="232" />
            <location filename="../../app/ui/window/turns.py" line="258" />
            <source>A reply is still streaming. Stop it (Esc) before sending.</source>
            <translation>仍有回复正在生成。请先停止（Esc）再发送。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="245" />
            <source>A reply is still streaming. Stop it (Esc) before retrying.</source>
            <translation>回复仍在生成中。请先停止（Esc）再重试。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="326" />
            <source>{problem} Retrying in {delay:.0f} s (attempt {attempt})…</source>
            <translation>{problem} {delay:.0f} 秒后重试（第 {attempt} 次）…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="343" />
            <source>Your prompt is back in the box.</source>
            <translation>您的提示已放回输入框。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/turns.py" line="408" />
            <source>Replying… (Esc to stop)</source>
            <translation>正在回复…（按 Esc 停止）</translation>
        </message>
        <message>
            <source>No API key for {region}. Enter your Model Studio key in Settings.</source>
            <extracomment>Busy or idle, or a reply started or ended: the window re-checks its actions. A "Retrying in N s" line is in the status bar (cleared when the turn ends or stops). Told of a session whose reply the history refused at its end (``window.unsaved``). (system prompt or None to keep the stored one, parameters over the settings') for a turn in the conversation given (None: a new chat); set by the window's SetupRoom. The reply streaming now, as seen so far (None when none is).</extracomment>
            <translation type="vanished">{region} 没有 API Key。请在设置中输入您的百炼（Model Studio）Key。</translation>
        </message>
    </context>
    <context>
        <name>UnsavedReplies</name>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="84" />
            <source>This reply is no longer waiting to be saved.</source>
            <extracomment>Asks where to save (tests replace it): a title and a suggested name, None to cancel.</extracomment>
            <translation>此回复已不在等待保存。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="94" />
            <source>The history still cannot take the reply.</source>
            <translation>历史记录仍无法保存此回复。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="99" />
            <source>The reply was saved to the history.</source>
            <translation>回复已保存到历史记录。</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="102" />
            <source>Save the reply</source>
            <translation>保存回复</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="113" />
            <source>The reply could not be saved to {path}: {error}</source>
            <translation>无法将回复保存到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/unsaved.py" line="118" />
            <source>The reply was saved to {path}.</source>
            <translation>回复已保存到 {path}。</translation>
        </message>
    </context>
    <context>
        <name>UsageChart</name>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="84" />
            <source>Tokens per day</source>
            <extracomment>Tableau 10: distinct hues of middle lightness, legible on white and on near-black. (series index, tokens) from the bottom up.</extracomment>
            <translation>每日 Token 数</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="92" />
            <source>Input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="92" />
            <source>Cached input</source>
            <translation>缓存输入</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="92" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="92" />
            <source>Answer</source>
            <translation>回答</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="146" />
            <source>No usage in this range</source>
            <translation>此范围内没有用量</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/chart.py" line="220" />
            <source>Total: {0}</source>
            <translation>合计：{0}</translation>
        </message>
    </context>
    <context>
        <name>UsageRoom</name>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="132" />
            <source>&amp;Usage…</source>
            <translation>用量(&amp;U)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="136" />
            <source>&amp;Prices and budgets…</source>
            <translation>价格与预算(&amp;P)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="191" />
            <source>This conversation: {tokens} tokens · {cost}</source>
            <translation>本对话：{tokens} 个 Token · {cost}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="195" />
            <source>This conversation: {tokens} tokens</source>
            <translation>本对话：{tokens} 个 Token</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="211" />
            <source>Budget reached</source>
            <translation>已达预算</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="213" />
            <source>Send anyway?</source>
            <translation>仍要发送吗？</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="214" />
            <source>Send anyway</source>
            <translation>仍然发送</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="223" />
            <source>The history is still opening…</source>
            <translation>历史记录仍在打开…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="259" />
            <source>{used} of {limit} tokens</source>
            <translation>已用 {used} / {limit} 个 Token</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="262" />
            <source>{currency} {used} of {limit}</source>
            <translation>已用 {currency} {used} / {limit}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="268" />
            <source> (at least: some requests have no price)</source>
            <translation>（至少：部分请求没有价格）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="271" />
            <source>{percent} % of today's budget: {amounts}</source>
            <translation>已达今日预算的 {percent} %：{amounts}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="274" />
            <source>{percent} % of this month's budget: {amounts}</source>
            <translation>已达本月预算的 {percent} %：{amounts}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="296" />
            <source>Context: {mark}{tokens} of {limit} tokens</source>
            <translation>上下文：{mark}{tokens} / {limit} 个 Token</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="300" />
            <source>Context: {mark}{tokens} tokens</source>
            <translation>上下文：{mark}{tokens} 个 Token</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="302" />
            <source> (estimate)</source>
            <translation>（估算）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="306" />
            <source>The next request: the last reply's reported input and answer, plus an estimate for the text typed since. The catalog knows no context limit for this model.</source>
            <translation>下一次请求：上一条回复报告的输入和回答，加上此后输入文字的估算。模型目录中没有此模型的上下文上限。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/window_part.py" line="310" />
            <source>The request may not fit the model's context.</source>
            <translation>该请求可能超出模型的上下文长度。</translation>
        </message>
    </context>
    <context>
        <name>UsageTable</name>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="72" />
            <source>Requests</source>
            <translation>请求</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="73" />
            <source>Input</source>
            <translation>输入</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="74" />
            <source>Cached</source>
            <translation>缓存</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="75" />
            <source>Output</source>
            <translation>输出</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="76" />
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="77" />
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="78" />
            <source>Cache hits</source>
            <translation>缓存命中</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="79" />
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="118" />
            <source>(unknown)</source>
            <translation>（未知）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="120" />
            <source>Test connection (no conversation)</source>
            <translation>测试连接（不属于任何对话）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="121" />
            <source>Untitled</source>
            <translation>无标题</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="123" />
            <source>{0} (deleted)</source>
            <translation>{0}（已删除）</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/tables.py" line="164" />
            <source>This conversation was deleted; its usage stays in the ledger.</source>
            <translation>此对话已删除；其用量仍保留在账本中。</translation>
        </message>
    </context>
    <context>
        <name>UsageView</name>
        <message>
            <location filename="../../app/ui/usage/view.py" line="90" />
            <source>Usage</source>
            <extracomment>Ranges offered, as days back from today (None: all time; -1: the dates chosen). Emitted once figures are on screen (tests and the open-time benchmark wait for it).</extracomment>
            <translation>用量</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="104" />
            <location filename="../../app/ui/usage/view.py" line="134" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="105" />
            <source>Last 7 days</source>
            <translation>最近 7 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="106" />
            <source>Last 30 days</source>
            <translation>最近 30 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="107" />
            <location filename="../../app/ui/usage/view.py" line="137" />
            <source>All time</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="108" />
            <source>Chosen dates</source>
            <translation>指定日期</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="118" />
            <source>Stacked by model</source>
            <translation>按模型堆叠</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="119" />
            <source>Input / cached / thinking / answer</source>
            <translation>输入 / 缓存 / 思考 / 回答</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="120" />
            <source>Prices and budgets…</source>
            <translation>价格与预算…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="135" />
            <source>7 days</source>
            <translation>7 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="136" />
            <source>30 days</source>
            <translation>30 天</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="154" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="156" />
            <source>Conversation</source>
            <translation>对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="162" />
            <source>By model</source>
            <translation>按模型</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="163" />
            <source>By conversation</source>
            <translation>按对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="242" />
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="274" />
            <source>The usage could not be counted: {0}</source>
            <translation>无法统计用量：{0}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="294" />
            <source>{since} – {until}: {requests} requests, {tokens} tokens (input {input}, cached {cached}, thinking {thinking}, answer {answer}); cache hit rate {rate}; cost {cost}</source>
            <translation>{since} – {until}：{requests} 次请求，{tokens} 个 Token（输入 {input}，缓存 {cached}，思考 {thinking}，回答 {answer}）；缓存命中率 {rate}；费用 {cost}</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="317" />
            <source>— means no price is set for that model and region: costs are only computed from prices you enter (Prices and budgets…).</source>
            <translation>“—”表示该模型和地域未设置价格：费用只按您输入的价格计算（价格与预算…）。</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/view.py" line="328" />
            <source>{0} tokens</source>
            <translation>{0} 个 Token</translation>
        </message>
    </context>
    <context>
        <name>UserMessageWidget</name>
        <message>
            <location filename="../../app/ui/chat/message_widgets.py" line="119" />
            <source>You</source>
            <extracomment>While thinking streams, its text scrolls inside a box this tall instead of pushing the page. How long "Code copied" (a dispatcher's verdict) shows in the footer (ms). How often the live "Thinking… 8 s" header ticks (ms).</extracomment>
            <translation>你</translation>
        </message>
    </context>
    <context>
        <name>WindowActions</name>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="86" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="87" />
            <source>&amp;New chat</source>
            <translation>新建对话(&amp;N)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="88" />
            <source>&amp;Export conversation…</source>
            <translation>导出对话(&amp;E)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="89" />
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="95" />
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="96" />
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="99" />
            <source>&amp;Find in history</source>
            <translation>搜索历史(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="100" />
            <source>&amp;Stop reply</source>
            <translation>停止回复(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="101" />
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="107" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="108" />
            <source>Show &amp;sidebar</source>
            <translation>显示侧边栏(&amp;S)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="111" />
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="114" />
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="116" />
            <source>&amp;Actual size</source>
            <translation>实际大小(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="121" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="122" />
            <source>&amp;About SeekDesk</source>
            <translation>关于 SeekDesk(&amp;A)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="148" />
            <source>About SeekDesk</source>
            <translation>关于 SeekDesk</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="150" />
            <source>&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;A desktop chat client for DeepSeek and Qwen models on Alibaba Cloud Model Studio.&lt;/p&gt;&lt;p&gt;Your history stays on this computer; your API key stays in the system keyring.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;SeekDesk {version}&lt;/h3&gt;&lt;p&gt;适用于阿里云百炼（Model Studio）上 DeepSeek 和通义千问（Qwen）模型的桌面聊天客户端。&lt;/p&gt;&lt;p&gt;您的历史记录保存在本机；API Key 保存在系统钥匙串中。&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="179" />
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="179" />
            <source>SeekDesk JSON (*.json)</source>
            <translation>SeekDesk JSON (*.json)</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="182" />
            <source>Export conversation</source>
            <translation>导出对话</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="210" />
            <source>Could not export to {path}: {error}</source>
            <translation>无法导出到 {path}：{error}</translation>
        </message>
        <message>
            <location filename="../../app/ui/window/window_actions.py" line="213" />
            <source>Exported to {path}.</source>
            <translation>已导出到 {path}。</translation>
        </message>
    </context>
    <context>
        <name>_BudgetRow</name>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="58" />
            <source>tokens</source>
            <translation>Token</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="59" />
            <source>money</source>
            <translation>金额</translation>
        </message>
        <message>
            <location filename="../../app/ui/usage/prices_dialog.py" line="61" />
            <source>limit</source>
            <translation>上限</translation>
        </message>
    </context>
</TS>
